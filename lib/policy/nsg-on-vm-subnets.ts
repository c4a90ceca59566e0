import { TerraformStack } from 'cdktf';
import { Finding, PolicyRule, referenceTo, resourcesOf } from './policy-rule';

const VM_TYPES = ['azurerm_windows_virtual_machine', 'azurerm_linux_virtual_machine'];

/** DN002: every subnet holding a VM has a network security group. */
export class NsgOnVmSubnetsRule extends PolicyRule {
  readonly id = 'DN002';
  readonly explanation = 'without an NSG, every address of the VNet reaches the VM on every port';
  readonly fix = 'associate a network security group with the subnet (SubnetSecurity does this)';

  protected check(stack: TerraformStack): Finding[] {
    const resources = resourcesOf(stack);
    const protectedSubnets = new Set(
      resources.filter((r) => r.type === 'azurerm_subnet_network_security_group_association').map((r) => r.attributes.subnet_id),
    );
    const nics = new Map(
      resources.filter((r) => r.type === 'azurerm_network_interface').map((r) => [referenceTo(r.resource), r.attributes]),
    );
    const findings: Finding[] = [];
    for (const vm of resources.filter((r) => VM_TYPES.includes(r.type))) {
      for (const nicId of vm.attributes.network_interface_ids ?? []) {
        for (const ipConfiguration of nics.get(nicId)?.ip_configuration ?? []) {
          if (!protectedSubnets.has(ipConfiguration.subnet_id)) {
            findings.push({ node: vm.resource, message: `VM "${vm.attributes.name}" sits in subnet ${ipConfiguration.subnet_id} with no NSG` });
          }
        }
      }
    }
    return findings;
  }
}
