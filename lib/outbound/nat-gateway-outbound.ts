import { NatGateway } from '@cdktf/provider-azurerm/lib/nat-gateway';
import { NatGatewayPublicIpAssociation } from '@cdktf/provider-azurerm/lib/nat-gateway-public-ip-association';
import { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
import { SubnetNatGatewayAssociation } from '@cdktf/provider-azurerm/lib/subnet-nat-gateway-association';
import { Construct } from 'constructs';
import { suppressPolicy } from '../policy-suppression';
import { ResolvedNatGateway } from './outbound-props';

export interface NatGatewayOutboundProps {
  readonly resourceGroupName: string;
  readonly location: string;
  /** Resolved and checked settings (see `resolveOutbound`, `checkOutbound`). */
  readonly settings: ResolvedNatGateway;
  /** The VM subnets this side created: each gets the NAT gateway. Never an existing subnet. */
  readonly subnetIds: string[];
  readonly tags?: Record<string, string>;
}

/** Why the NAT gateway's public IP is allowed; kept in the manifest with the waiver. */
export const NAT_GATEWAY_PUBLIC_IP_WAIVER =
  'outbound "natGateway" was asked for: a NAT gateway egresses only through a Standard static public IP, which admits no inbound connection (no VM or load balancer gets one).';

/**
 * Explicit outbound for private subnets: a Standard NAT gateway with its own Standard static public
 * IP (or an existing NAT gateway), associated with the side's VM subnets. Outbound flows only: a NAT
 * gateway accepts no connection started from the internet.
 * https://learn.microsoft.com/azure/nat-gateway/nat-overview
 */
export class NatGatewayOutbound extends Construct {
  /** The NAT gateway's id, created or existing. */
  public readonly natGatewayId: string;
  /** The NAT gateway, when this side created it. */
  public readonly natGateway?: NatGateway;
  /** Its public IP, when this side created it: the address the internet sees for the side's VMs. */
  public readonly publicIp?: PublicIp;

  constructor(scope: Construct, id: string, props: NatGatewayOutboundProps) {
    super(scope, id);
    const { settings, resourceGroupName, location, tags } = props;
    if (settings.id !== undefined) {
      this.natGatewayId = settings.id;
    } else {
      // A NAT gateway takes Standard static public IPs only. https://learn.microsoft.com/azure/nat-gateway/nat-gateway-resource#nat-gateway-configurations
      this.publicIp = new PublicIp(this, 'public-ip', { resourceGroupName, location, name: settings.publicIpName, sku: 'Standard', allocationMethod: 'Static', tags });
      this.natGateway = new NatGateway(this, 'nat-gateway', {
        resourceGroupName,
        location,
        name: settings.name,
        skuName: 'Standard',
        idleTimeoutInMinutes: settings.idleTimeoutInMinutes,
        tags,
      });
      new NatGatewayPublicIpAssociation(this, 'public-ip-association', { natGatewayId: this.natGateway.id, publicIpAddressId: this.publicIp.id });
      this.natGatewayId = this.natGateway.id;
      suppressPolicy(this, 'DN001', NAT_GATEWAY_PUBLIC_IP_WAIVER);
    }
    props.subnetIds.forEach((subnetId, i) => {
      new SubnetNatGatewayAssociation(this, i === 0 ? 'subnet-association' : `subnet-association-${i + 1}`, { subnetId, natGatewayId: this.natGatewayId });
    });
  }
}
