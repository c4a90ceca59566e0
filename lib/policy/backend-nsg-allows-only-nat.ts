import { TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { ProviderSide } from '../provider-side';
import { DYNAMIC } from '../validation/addresses';
import { Finding, PolicyRule, referenceTo, resourcesOf } from './policy-rule';

/** Azure's default rule AllowVnetInBound has this priority; a deny must come before it. */
const ALLOW_VNET_DEFAULT_PRIORITY = 65000;

/**
 * DN003: VM-B's subnet admits its service ports only from the PLS NAT IPs (the only peers VM-B ever
 * sees through the double NAT) and the load balancer's probes, and denies all other inbound traffic.
 */
export class BackendNsgAllowsOnlyNatRule extends PolicyRule {
  readonly id = 'DN003';
  readonly explanation = 'through the Private Link Service, VM-B only ever sees the NAT IPs; anything else reaching it bypassed the double NAT';
  readonly fix = 'allow inbound only from the NAT IPs (or the private-link subnet when they are dynamic) and AzureLoadBalancer, and deny the rest';

  protected check(stack: TerraformStack): Finding[] {
    const sides = stack.node.findAll().filter((node): node is ProviderSide => node instanceof ProviderSide);
    return sides.flatMap((side) => this.checkSide(stack, side));
  }

  private checkSide(stack: TerraformStack, side: ProviderSide): Finding[] {
    const resources = resourcesOf(stack);
    const subnetId = referenceTo(side.backendSubnet);
    const nsgIds = resources
      .filter((r) => r.type === 'azurerm_subnet_network_security_group_association' && r.attributes.subnet_id === subnetId)
      .map((r) => r.attributes.network_security_group_id as string);
    const finding = (node: IConstruct, message: string): Finding => ({ node, message });
    if (nsgIds.length === 0) return [finding(side.backendSubnet, 'the backend subnet has no NSG')];

    // A rule names its group by reference or by the literal name: both bind it.
    const nsgNames = resources
      .filter((r) => r.type === 'azurerm_network_security_group' && nsgIds.includes(referenceTo(r.resource)))
      .flatMap((r) => [referenceTo(r.resource, 'name'), r.attributes.name as string]);
    const rules = resources.filter(
      (r) => r.type === 'azurerm_network_security_rule' && nsgNames.includes(r.attributes.network_security_group_name) && r.attributes.direction === 'Inbound',
    );
    const natIps = side.settings.natIps;
    const allowedSources = new Set([
      'AzureLoadBalancer',
      ...(natIps.some((n) => n.privateIp === DYNAMIC)
        ? [side.settings.network.privateLinkSubnet.addressPrefix]
        : natIps.map((n) => `${n.privateIp}/32`)),
    ]);
    const findings: Finding[] = [];
    for (const rule of rules.filter((r) => r.attributes.access === 'Allow')) {
      const sources: string[] = rule.attributes.source_address_prefixes ?? [rule.attributes.source_address_prefix];
      const stray = sources.filter((source) => !allowedSources.has(source));
      if (stray.length > 0) {
        findings.push(finding(rule.resource, `rule "${rule.attributes.name}" allows ${stray.join(', ')}, which is not a PLS NAT IP`));
      }
    }
    const denyAll = rules.some(
      (r) =>
        r.attributes.access === 'Deny' &&
        r.attributes.priority < ALLOW_VNET_DEFAULT_PRIORITY &&
        [r.attributes.source_address_prefix, ...(r.attributes.source_address_prefixes ?? [])].some((s) => s === '*' || s === 'VirtualNetwork'),
    );
    if (!denyAll) {
      findings.push(finding(side.backendSubnet, 'the backend NSG has no rule denying other inbound traffic before AllowVnetInBound'));
    }
    return findings;
  }
}
