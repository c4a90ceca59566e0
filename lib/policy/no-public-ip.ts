import { TerraformStack } from 'cdktf';
import { Finding, PolicyRule, SynthesizedResource } from './policy-rule';

/** DN001: the double NAT is private end to end; a public IP opens a path around it. */
export class NoPublicIpRule extends PolicyRule {
  readonly id = 'DN001';
  readonly explanation = 'the double NAT path is private; a public IP exposes VMs or the load balancer to the internet';
  readonly fix = 'remove the public IP; reach VMs through Azure Bastion, a VPN or `az vm run-command`';

  protected check(_stack: TerraformStack, resources: SynthesizedResource[]): Finding[] {
    const findings: Finding[] = [];
    for (const { resource, type, attributes } of resources) {
      if (type === 'azurerm_public_ip' || type === 'azurerm_public_ip_prefix') {
        findings.push({ node: resource, message: `${type} "${attributes.name}" creates a public address` });
      }
      // A block with at most one item (bastion_host's ip_configuration) is written as an object, not a list.
      const blocks = [attributes.ip_configuration, attributes.frontend_ip_configuration].flatMap((b) => (b === undefined ? [] : Array.isArray(b) ? b : [b]));
      for (const block of blocks) {
        if (block?.public_ip_address_id || block?.public_ip_prefix_id) {
          findings.push({ node: resource, message: `${type} "${attributes.name}" ip configuration "${block.name}" has a public IP` });
        }
      }
    }
    return findings;
  }
}
