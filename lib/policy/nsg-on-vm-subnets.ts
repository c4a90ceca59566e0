import { TerraformStack } from 'cdktf';
import { Finding, PolicyRule, referenceTo, SynthesizedResource } from './policy-rule';

const VM_TYPES = ['azurerm_windows_virtual_machine', 'azurerm_linux_virtual_machine'];

/** DN002: every VM sits behind a network security group, on its subnet or on its NIC. */
export class NsgOnVmSubnetsRule extends PolicyRule {
  readonly id = 'DN002';
  readonly explanation = 'without an NSG, every address of the VNet reaches the VM on every port';
  readonly fix = 'associate a network security group with the subnet, or with the NIC on a subnet you do not own (NetworkSecurity does either)';

  protected check(_stack: TerraformStack, resources: SynthesizedResource[]): Finding[] {
    const ofType = (type: string) => resources.filter((r) => r.type === type);
    const protectedSubnets = new Set(ofType('azurerm_subnet_network_security_group_association').map((r) => r.attributes.subnet_id));
    const protectedNics = new Set(ofType('azurerm_network_interface_security_group_association').map((r) => r.attributes.network_interface_id));
    const nics = new Map(ofType('azurerm_network_interface').map((r) => [referenceTo(r.resource), r.attributes]));
    const findings: Finding[] = [];
    for (const vm of resources.filter((r) => VM_TYPES.includes(r.type))) {
      for (const nicId of vm.attributes.network_interface_ids ?? []) {
        if (protectedNics.has(nicId)) continue;
        for (const ipConfiguration of nics.get(nicId)?.ip_configuration ?? []) {
          if (!protectedSubnets.has(ipConfiguration.subnet_id)) {
            findings.push({ node: vm.resource, message: `VM "${vm.attributes.name}" sits in subnet ${ipConfiguration.subnet_id} with no NSG on it or its NIC` });
          }
        }
      }
    }
    return findings;
  }
}
