import { TerraformStack } from 'cdktf';
import { Finding, PolicyRule, referenceTo, SynthesizedResource } from './policy-rule';

const VM_TYPES = ['azurerm_windows_virtual_machine', 'azurerm_linux_virtual_machine'];

/**
 * DN006: a VM subnet the stack creates is private (`default_outbound_access_enabled = false`), so its
 * VMs never fall back to Azure's default outbound access: a hidden, Microsoft-owned public IP that can
 * change without notice and that Microsoft is retiring.
 * https://learn.microsoft.com/azure/virtual-network/ip-services/default-outbound-access
 * azurerm 4.x leaves the argument at `true` when it is not set. A subnet outside the stack is not
 * ours to judge (nor to change): its owner decides its outbound.
 */
export class PrivateVmSubnetsRule extends PolicyRule {
  readonly id = 'DN006';
  readonly explanation = "a VM in a subnet with default outbound access egresses through a hidden Microsoft-owned public IP that can change and is being retired";
  readonly fix = 'set default_outbound_access_enabled = false on the subnet and give the side an explicit outbound (outbound.method "natGateway"), or none';

  protected check(_stack: TerraformStack, resources: SynthesizedResource[]): Finding[] {
    const ofType = (type: string) => resources.filter((r) => r.type === type);
    const subnets = new Map(ofType('azurerm_subnet').map((s) => [referenceTo(s.resource), s]));
    const nics = new Map(ofType('azurerm_network_interface').map((r) => [referenceTo(r.resource), r.attributes]));
    const findings: Finding[] = [];
    const reported = new Set<string>();
    for (const vm of resources.filter((r) => VM_TYPES.includes(r.type))) {
      for (const nicId of vm.attributes.network_interface_ids ?? []) {
        for (const ipConfiguration of nics.get(nicId)?.ip_configuration ?? []) {
          const subnet = subnets.get(ipConfiguration.subnet_id);
          if (!subnet || subnet.attributes.default_outbound_access_enabled === false || reported.has(ipConfiguration.subnet_id)) continue;
          reported.add(ipConfiguration.subnet_id);
          findings.push({ node: subnet.resource, message: `subnet "${subnet.attributes.name}" of VM "${vm.attributes.name}" keeps default outbound access` });
        }
      }
    }
    return findings;
  }
}
