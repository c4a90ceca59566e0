import { NetworkSecurityGroup } from '@cdktf/provider-azurerm/lib/network-security-group';
import { NetworkSecurityRule } from '@cdktf/provider-azurerm/lib/network-security-rule';
import { SubnetNetworkSecurityGroupAssociation } from '@cdktf/provider-azurerm/lib/subnet-network-security-group-association';
import { Construct } from 'constructs';

/** One inbound allow rule. */
export interface SecurityRuleSpec {
  readonly name: string;
  readonly protocol: 'Tcp' | 'Udp';
  readonly sourceAddressPrefixes: string[];
  readonly destinationAddressPrefix: string;
  readonly destinationPortRange: string;
}

export interface SubnetSecurityProps {
  readonly resourceGroupName: string;
  readonly location: string;
  /** NSG name. */
  readonly name: string;
  readonly subnetId: string;
  /** Inbound traffic to allow; all other inbound traffic is denied. */
  readonly allowInbound: SecurityRuleSpec[];
  /** Allow the AzureLoadBalancer tag (health probes) to the allowed ports. @default false */
  readonly allowLoadBalancerProbe?: boolean;
  readonly tags?: Record<string, string>;
}

/** Priority of the first allow rule; rules step by 10 so one can be inserted between two. */
const FIRST_PRIORITY = 100;
/** Azure's default AllowVnetInBound (65000) would let the whole VNet in: deny everything else first. */
const DENY_ALL_PRIORITY = 4096;

/**
 * A network security group on a subnet that allows only the listed inbound flows.
 * Outbound stays at Azure's defaults.
 */
export class SubnetSecurity extends Construct {
  public readonly networkSecurityGroup: NetworkSecurityGroup;

  constructor(scope: Construct, id: string, props: SubnetSecurityProps) {
    super(scope, id);
    const rules: (Omit<SecurityRuleSpec, 'protocol'> & { protocol: string; priority: number; direction: string; access: string; sourcePortRange: string })[] = props.allowInbound.map((rule, i) => ({
      name: rule.name,
      priority: FIRST_PRIORITY + 10 * i,
      direction: 'Inbound',
      access: 'Allow',
      protocol: rule.protocol,
      sourcePortRange: '*',
      sourceAddressPrefixes: rule.sourceAddressPrefixes,
      destinationAddressPrefix: rule.destinationAddressPrefix,
      destinationPortRange: rule.destinationPortRange,
    }));
    if (props.allowLoadBalancerProbe && props.allowInbound.length > 0) {
      rules.push({
        name: 'allow-load-balancer-probe',
        priority: FIRST_PRIORITY + 10 * props.allowInbound.length,
        direction: 'Inbound',
        access: 'Allow',
        protocol: '*',
        sourcePortRange: '*',
        sourceAddressPrefixes: ['AzureLoadBalancer'],
        destinationAddressPrefix: '*',
        destinationPortRange: '*',
      });
    }
    rules.push({
      name: 'deny-all-other-inbound',
      priority: DENY_ALL_PRIORITY,
      direction: 'Inbound',
      access: 'Deny',
      protocol: '*',
      sourcePortRange: '*',
      sourceAddressPrefixes: ['*'],
      destinationAddressPrefix: '*',
      destinationPortRange: '*',
    });

    this.networkSecurityGroup = new NetworkSecurityGroup(this, 'nsg', {
      name: props.name,
      location: props.location,
      resourceGroupName: props.resourceGroupName,
      tags: props.tags,
    });
    // One resource per rule rather than inline blocks: inline security_rule blocks must spell out
    // every attribute, and a rule added later would rewrite the whole group.
    for (const rule of rules) {
      const single = rule.sourceAddressPrefixes.length === 1;
      new NetworkSecurityRule(this, rule.name, {
        ...rule,
        resourceGroupName: props.resourceGroupName,
        networkSecurityGroupName: this.networkSecurityGroup.name,
        sourceAddressPrefix: single ? rule.sourceAddressPrefixes[0] : undefined,
        sourceAddressPrefixes: single ? undefined : rule.sourceAddressPrefixes,
      });
    }
    new SubnetNetworkSecurityGroupAssociation(this, 'association', {
      subnetId: props.subnetId,
      networkSecurityGroupId: this.networkSecurityGroup.id,
    });
  }
}
