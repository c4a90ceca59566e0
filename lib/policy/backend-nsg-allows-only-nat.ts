import { TerraformStack } from 'cdktf';
import { ProviderSide, natSourcePrefixes } from '../provider-side/provider-side';
import { Finding, PolicyRule, referenceTo, SynthesizedResource } from './policy-rule';
import { adminPortOf } from '../operator-access/operator-allow-rules';

/** Azure's default rule AllowVnetInBound has this priority; a deny must come before it. */
const ALLOW_VNET_DEFAULT_PRIORITY = 65000;

/**
 * DN003: the backend VMs admit inbound traffic only from the PLS NAT IPs (the only peers they ever see
 * through the double NAT) and the load balancer's probes, and deny all other inbound traffic. With
 * operator access, the side's own Bastion source is admitted too, on the VMs' admin ports only.
 */
export class BackendNsgAllowsOnlyNatRule extends PolicyRule {
  readonly id = 'DN003';
  readonly explanation = 'through the Private Link Service, the backend only ever sees the NAT IPs; anything else reaching it bypassed the double NAT';
  readonly fix = 'allow inbound only from the NAT IPs (or the private-link subnet when they are dynamic) and AzureLoadBalancer, and deny the rest';

  protected check(stack: TerraformStack, resources: SynthesizedResource[]): Finding[] {
    const sides = stack.node.findAll().filter((node): node is ProviderSide => node instanceof ProviderSide);
    if (sides.length === 0) return [];
    return sides.flatMap((side) => this.checkSide(side, resources));
  }

  private checkSide(side: ProviderSide, resources: SynthesizedResource[]): Finding[] {
    if (!side.backendSecurity) return []; // an existing frontend: its backends are not ours
    const nsg = side.backendSecurity.networkSecurityGroup;
    // A rule names its group by reference or by the literal name: both bind it.
    const nsgNames = [referenceTo(nsg, 'name'), side.settings.names.backendNetworkSecurityGroup];
    const rules = resources.filter(
      (r) => r.type === 'azurerm_network_security_rule' && nsgNames.includes(r.attributes.network_security_group_name) && r.attributes.direction === 'Inbound',
    );
    const allowedSources = new Set(['AzureLoadBalancer', ...natSourcePrefixes(side.settings)]);
    const operator = side.operatorAccess?.sourcePrefix;
    const adminPorts = new Set(side.settings.backendVms.map((vm) => String(adminPortOf(vm.os))));
    const findings: Finding[] = [];
    for (const rule of rules.filter((r) => r.attributes.access === 'Allow')) {
      const sources: string[] = rule.attributes.source_address_prefixes ?? [rule.attributes.source_address_prefix];
      const operatorRule = rule.attributes.protocol === 'Tcp' && adminPorts.has(String(rule.attributes.destination_port_range));
      const stray = sources.filter((source) => !allowedSources.has(source) && !(operatorRule && source === operator));
      if (stray.length > 0) {
        const what = operator ? `a PLS NAT IP, nor the operator's Bastion (${operator}) on an admin port (${[...adminPorts].join(', ')})` : 'a PLS NAT IP';
        findings.push({ node: rule.resource, message: `rule "${rule.attributes.name}" allows ${stray.join(', ')}, which is not ${what}` });
      }
    }
    const denyAll = rules.some(
      (r) =>
        r.attributes.access === 'Deny' &&
        r.attributes.priority < ALLOW_VNET_DEFAULT_PRIORITY &&
        [r.attributes.source_address_prefix, ...(r.attributes.source_address_prefixes ?? [])].some((s) => s === '*' || s === 'VirtualNetwork'),
    );
    if (!denyAll) {
      findings.push({ node: nsg, message: 'the backend NSG has no rule denying other inbound traffic before AllowVnetInBound' });
    }
    return findings;
  }
}
