import { TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';

/** An output whose Terraform name is exactly `name`, so docs and tools can rely on it. */
export function output(scope: Construct, name: string, value: unknown, description?: string): TerraformOutput {
  const out = new TerraformOutput(scope, name, { value, description });
  out.overrideLogicalId(name);
  return out;
}
