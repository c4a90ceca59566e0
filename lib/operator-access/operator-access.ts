import { BastionHost } from '@cdktf/provider-azurerm/lib/bastion-host';
import { NetworkSecurityGroup } from '@cdktf/provider-azurerm/lib/network-security-group';
import { NetworkSecurityRule } from '@cdktf/provider-azurerm/lib/network-security-rule';
import { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { SubnetNetworkSecurityGroupAssociation } from '@cdktf/provider-azurerm/lib/subnet-network-security-group-association';
import { Construct } from 'constructs';
import { suppressPolicy } from '../policy-suppression';
import { BASTION_SUBNET_RULES, BastionSubnetRule } from './bastion-subnet-rules';
import { BASTION_SUBNET_NAME, ResolvedOperatorAccess } from './operator-access-props';
import { operatorSourcePrefix } from './operator-allow-rules';

export interface OperatorAccessProps {
  readonly resourceGroupName: string;
  readonly location: string;
  /** Resolved and checked settings (see `resolveOperatorAccess`, `checkOperatorAccess`). */
  readonly settings: ResolvedOperatorAccess;
  /** The VNet whose VMs Bastion opens. */
  readonly virtualNetworkId: string;
  /** Its name, when this side created it: a Basic or Standard host then gets a new AzureBastionSubnet in it. @default - the VNet exists: settings.subnet.id is used */
  readonly virtualNetworkName?: string;
  readonly tags?: Record<string, string>;
}

/** Why the one public IP of a Basic or Standard host is allowed; kept in the manifest with the waiver. */
export const BASTION_PUBLIC_IP_WAIVER =
  'Azure Bastion Basic/Standard needs a Standard static public IP (TLS 443 from the operator); no VM gets one. Use sku "Developer" to have none.';

/**
 * Azure Bastion in one VNet, so an operator can open its VMs (RDP or SSH over their private IPs)
 * without any VM having a public IP. Developer uses Azure's shared pool and creates nothing else;
 * Basic and Standard create a host in AzureBastionSubnet (with the NSG Bastion requires) and its
 * Standard static public IP, the one public address the app may hold, waived in policy DN001.
 */
export class OperatorAccess extends Construct {
  public readonly bastionHost: BastionHost;
  /** Where Bastion's sessions come from, as the VMs see them: the prefix their NSGs admit. */
  public readonly sourcePrefix: string;
  public readonly sku: string;
  public readonly name: string;
  /** `az network bastion rdp/ssh/tunnel` work (Standard with native client on). */
  public readonly nativeClient: boolean;
  /** The host's public IP (Basic and Standard). */
  public readonly publicIp?: PublicIp;
  /** The NSG of the AzureBastionSubnet this construct created (Basic and Standard in a VNet of ours). */
  public readonly subnetSecurityGroup?: NetworkSecurityGroup;

  constructor(scope: Construct, id: string, props: OperatorAccessProps) {
    super(scope, id);
    const { settings, resourceGroupName, location, tags } = props;
    this.sku = settings.sku;
    this.name = settings.name;
    this.nativeClient = settings.nativeClient;
    this.sourcePrefix = operatorSourcePrefix(settings);
    const common = { resourceGroupName, location, tags };

    if (settings.sku === 'Developer') {
      this.bastionHost = new BastionHost(this, 'bastion', { ...common, name: settings.name, sku: 'Developer', virtualNetworkId: props.virtualNetworkId });
      return;
    }

    let subnetId = settings.subnet?.id;
    if (subnetId === undefined) {
      const subnet = new Subnet(this, 'subnet', {
        resourceGroupName,
        virtualNetworkName: props.virtualNetworkName as string,
        name: BASTION_SUBNET_NAME,
        addressPrefixes: [settings.subnet?.addressPrefix as string],
        // Private like every subnet we create: the host egresses through its own public IP.
        defaultOutboundAccessEnabled: false,
      });
      subnetId = subnet.id;
      this.subnetSecurityGroup = this.createSubnetSecurity(settings, subnet.id, common);
    }
    // https://learn.microsoft.com/azure/bastion/configuration-settings#public-ip: Standard SKU, Static.
    this.publicIp = new PublicIp(this, 'public-ip', { ...common, name: settings.publicIpName, sku: 'Standard', allocationMethod: 'Static' });
    this.bastionHost = new BastionHost(this, 'bastion', {
      ...common,
      name: settings.name,
      sku: settings.sku,
      ipConfiguration: { name: 'bastion-ipconfig', subnetId, publicIpAddressId: this.publicIp.id },
      tunnelingEnabled: settings.nativeClient || undefined,
    });
    suppressPolicy(this, 'DN001', BASTION_PUBLIC_IP_WAIVER);
  }

  /** Our AzureBastionSubnet gets an NSG with exactly the rules Microsoft lists, and denies other inbound traffic. */
  private createSubnetSecurity(settings: ResolvedOperatorAccess, subnetId: string, common: { resourceGroupName: string; location: string; tags?: Record<string, string> }): NetworkSecurityGroup {
    const nsg = new NetworkSecurityGroup(this, 'nsg', { ...common, name: settings.networkSecurityGroupName });
    const rule = (r: BastionSubnetRule, priority: number, access: 'Allow' | 'Deny') =>
      new NetworkSecurityRule(this, `nsg-rule-${r.name}`, {
        name: r.name,
        resourceGroupName: common.resourceGroupName,
        networkSecurityGroupName: nsg.name,
        priority,
        direction: r.direction,
        access,
        protocol: r.protocol,
        sourcePortRange: '*',
        sourceAddressPrefix: r.source,
        destinationAddressPrefix: r.destination,
        ...(r.ports.length === 1 ? { destinationPortRange: r.ports[0] } : { destinationPortRanges: r.ports }),
      });
    for (const direction of ['Inbound', 'Outbound'] as const) {
      BASTION_SUBNET_RULES.filter((r) => r.direction === direction).forEach((r, i) => rule(r, 100 + 10 * i, 'Allow'));
    }
    // As on the VMs' NSGs: deny other inbound traffic before Azure's AllowVnetInBound (65000).
    rule({ name: 'DenyAllOtherInbound', direction: 'Inbound', protocol: '*', source: '*', destination: '*', ports: ['*'] }, 4096, 'Deny');
    new SubnetNetworkSecurityGroupAssociation(this, 'nsg-association', { subnetId, networkSecurityGroupId: nsg.id });
    return nsg;
  }
}
