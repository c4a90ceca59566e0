/**
 * Where the local backend keeps a stack's state. Imports no framework: the `double-nat` tools read it
 * (destroy, retire, e2e) in CDKTF and CDK Terrain apps alike, and state-backend.ts writes it.
 */

/**
 * The local state file of a stack, relative to its working directory <outdir>/stacks/<stack>.
 * cdktf runs Terraform there; a relative path keeps the state in the folder above `outdir` (the
 * project root), as cdktf's default does, while keeping machine paths out of the synthesized JSON
 * (the consumer's terraform_remote_state copies this path).
 */
export function localStatePath(stackName: string): string {
  return `../../../terraform.${stackName}.tfstate`;
}
