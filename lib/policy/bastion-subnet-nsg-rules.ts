import { TerraformStack } from 'cdktf';
import { BASTION_SUBNET_RULES, satisfies } from '../operator-access/bastion-subnet-rules';
import { BASTION_SUBNET_NAME } from '../operator-access/operator-access-props';
import { Finding, PolicyRule, referenceTo, SynthesizedResource } from './policy-rule';

/**
 * DN005: an NSG on AzureBastionSubnet holds every rule Bastion requires; without them Azure refuses
 * the NSG or the host stops getting platform updates (https://learn.microsoft.com/azure/bastion/bastion-nsg).
 */
export class BastionSubnetNsgRule extends PolicyRule {
  readonly id = 'DN005';
  readonly explanation = 'Azure rejects an NSG on AzureBastionSubnet that lacks the rules Bastion needs, and the host stops getting updates';
  readonly fix = `add the rules of https://learn.microsoft.com/azure/bastion/bastion-nsg (${BASTION_SUBNET_RULES.map((r) => r.name).join(', ')}), or let OperatorAccess create the subnet`;

  protected check(_stack: TerraformStack, resources: SynthesizedResource[]): Finding[] {
    const ofType = (type: string) => resources.filter((r) => r.type === type);
    const bastionSubnets = new Set(
      ofType('azurerm_subnet')
        .filter((s) => s.attributes.name === BASTION_SUBNET_NAME)
        .map((s) => referenceTo(s.resource)),
    );
    const isBastionSubnet = (id: unknown) => bastionSubnets.has(id as string) || /\/subnets\/AzureBastionSubnet$/.test(String(id));
    const findings: Finding[] = [];
    for (const association of ofType('azurerm_subnet_network_security_group_association').filter((a) => isBastionSubnet(a.attributes.subnet_id))) {
      const nsg = ofType('azurerm_network_security_group').find((n) => referenceTo(n.resource) === association.attributes.network_security_group_id);
      if (!nsg) continue; // an NSG outside this stack: nothing to read offline
      const names = [referenceTo(nsg.resource, 'name'), nsg.attributes.name];
      const rules = [
        ...ofType('azurerm_network_security_rule').filter((r) => names.includes(r.attributes.network_security_group_name)).map((r) => r.attributes),
        ...(nsg.attributes.security_rule ?? []),
      ];
      const missing = BASTION_SUBNET_RULES.filter((required) => !rules.some((rule) => satisfies(rule, required)));
      if (missing.length > 0) {
        findings.push({ node: nsg.resource, message: `NSG "${nsg.attributes.name}" on ${BASTION_SUBNET_NAME} lacks ${missing.map((r) => `${r.name} (${r.direction} ${r.source} → ${r.destination} ${r.ports.join(',')})`).join(', ')}` });
      }
    }
    return findings;
  }
}
