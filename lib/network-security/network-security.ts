import { NetworkInterfaceSecurityGroupAssociation } from '@cdktf/provider-azurerm/lib/network-interface-security-group-association';
import { NetworkSecurityGroup } from '@cdktf/provider-azurerm/lib/network-security-group';
import { NetworkSecurityRule } from '@cdktf/provider-azurerm/lib/network-security-rule';
import { SubnetNetworkSecurityGroupAssociation } from '@cdktf/provider-azurerm/lib/subnet-network-security-group-association';
import { Construct } from 'constructs';
import { ALLOW_PRIORITY_STEP, DENY_ALL_PRIORITY, FIRST_ALLOW_PRIORITY } from './priorities';

/** One inbound allow rule. */
export interface SecurityRuleSpec {
  readonly name: string;
  readonly protocol: 'Tcp' | 'Udp';
  readonly sourceAddressPrefixes: string[];
  readonly destinationAddressPrefixes: string[];
  readonly destinationPortRange: string;
}

export interface NetworkSecurityProps {
  readonly resourceGroupName: string;
  readonly location: string;
  /** NSG name. */
  readonly name: string;
  /**
   * Where the NSG applies: a subnet this side created, or the NICs of its VMs when the subnet belongs
   * to someone else (an existing network is never modified).
   */
  readonly attachTo: { readonly subnetId: string } | { readonly networkInterfaceIds: string[] };
  /** Inbound traffic to allow; all other inbound traffic is denied. */
  readonly allowInbound: SecurityRuleSpec[];
  /** Allow the AzureLoadBalancer tag (health probes). @default false */
  readonly allowLoadBalancerProbe?: boolean;
  readonly tags?: Record<string, string>;
}


interface RuleAttributes {
  name: string;
  priority: number;
  access: 'Allow' | 'Deny';
  protocol: string;
  sourceAddressPrefixes: string[];
  destinationAddressPrefixes: string[];
  destinationPortRange: string;
}

/**
 * A network security group that allows only the listed inbound flows and denies all other inbound
 * traffic. Outbound stays at Azure's defaults.
 */
export class NetworkSecurity extends Construct {
  public readonly networkSecurityGroup: NetworkSecurityGroup;

  constructor(scope: Construct, id: string, props: NetworkSecurityProps) {
    super(scope, id);
    const rules: RuleAttributes[] = props.allowInbound.map((rule, i) => ({
      ...rule,
      priority: FIRST_ALLOW_PRIORITY + ALLOW_PRIORITY_STEP * i,
      access: 'Allow',
    }));
    if (props.allowLoadBalancerProbe) {
      rules.push({
        name: 'allow-load-balancer-probe',
        priority: FIRST_ALLOW_PRIORITY + ALLOW_PRIORITY_STEP * props.allowInbound.length,
        access: 'Allow',
        protocol: '*',
        sourceAddressPrefixes: ['AzureLoadBalancer'],
        destinationAddressPrefixes: ['*'],
        destinationPortRange: '*',
      });
    }
    rules.push({
      name: 'deny-all-other-inbound',
      priority: DENY_ALL_PRIORITY,
      access: 'Deny',
      protocol: '*',
      sourceAddressPrefixes: ['*'],
      destinationAddressPrefixes: ['*'],
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
      const [source, ...moreSources] = rule.sourceAddressPrefixes;
      const [destination, ...moreDestinations] = rule.destinationAddressPrefixes;
      new NetworkSecurityRule(this, rule.name, {
        name: rule.name,
        priority: rule.priority,
        direction: 'Inbound',
        access: rule.access,
        protocol: rule.protocol,
        sourcePortRange: '*',
        destinationPortRange: rule.destinationPortRange,
        resourceGroupName: props.resourceGroupName,
        networkSecurityGroupName: this.networkSecurityGroup.name,
        ...(moreSources.length === 0 ? { sourceAddressPrefix: source } : { sourceAddressPrefixes: rule.sourceAddressPrefixes }),
        ...(moreDestinations.length === 0 ? { destinationAddressPrefix: destination } : { destinationAddressPrefixes: rule.destinationAddressPrefixes }),
      });
    }
    if ('subnetId' in props.attachTo) {
      new SubnetNetworkSecurityGroupAssociation(this, 'association', {
        subnetId: props.attachTo.subnetId,
        networkSecurityGroupId: this.networkSecurityGroup.id,
      });
    } else {
      props.attachTo.networkInterfaceIds.forEach((networkInterfaceId, i) => {
        new NetworkInterfaceSecurityGroupAssociation(this, `nic-association-${i}`, {
          networkInterfaceId,
          networkSecurityGroupId: this.networkSecurityGroup.id,
        });
      });
    }
  }
}
