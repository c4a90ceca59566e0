import { TerraformOutput, TerraformStack, TerraformVariable, Token } from 'cdktf';
import { Finding, PolicyRule, SynthesizedResource } from './policy-rule';

const SECRET_ATTRIBUTES = ['admin_password', 'admin_ssh_key_private', 'client_secret'];
const SECRET_NAME = /password|secret|private_key/i;

/** DN004: secrets reach Terraform only as references or sensitive variables, never as literal text. */
export class NoPlainSecretRule extends PolicyRule {
  readonly id = 'DN004';
  readonly explanation = 'a literal secret ends up in synthesized JSON, snapshots and source control';
  readonly fix = 'use adminPassword { source: "generated" } or { source: "variable" }, or pass a token from a secret store';

  protected check(stack: TerraformStack, resources: SynthesizedResource[]): Finding[] {
    const findings: Finding[] = [];
    for (const { resource, type, attributes } of resources) {
      for (const key of SECRET_ATTRIBUTES) {
        const value = attributes[key];
        // After resolution a reference reads "${...}"; anything else was written as text.
        if (typeof value === 'string' && !/^\$\{.*\}$/s.test(value)) {
          findings.push({ node: resource, message: `${type} "${attributes.name}" has ${key} written as plain text` });
        }
      }
    }
    for (const node of stack.node.findAll()) {
      if (node instanceof TerraformVariable && SECRET_NAME.test(node.friendlyUniqueId) && !node.sensitive) {
        findings.push({ node, message: `variable "${node.friendlyUniqueId}" holds a secret but is not sensitive` });
      }
      if (node instanceof TerraformOutput && SECRET_NAME.test(node.friendlyUniqueId) && !node.sensitive) {
        findings.push({ node, message: `output "${node.friendlyUniqueId}" holds a secret but is not sensitive` });
      }
      if (node instanceof TerraformVariable && SECRET_NAME.test(node.friendlyUniqueId) && node.default !== undefined && !Token.isUnresolved(node.default)) {
        findings.push({ node, message: `variable "${node.friendlyUniqueId}" has a default value, a secret in source` });
      }
    }
    return findings;
  }
}
