import { PrivateDnsARecord } from '@cdktf/provider-azurerm/lib/private-dns-a-record';
import { PrivateDnsZone } from '@cdktf/provider-azurerm/lib/private-dns-zone';
import { PrivateDnsZoneVirtualNetworkLink } from '@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link';
import { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { Construct } from 'constructs';
import { tagsOrNone } from '../common-settings';
import { virtualNetworkIdOfSubnet } from '../net/subnet-id';
import { checkConsumerSideProps } from './consumer-side-checks';
import { resolveConsumerSideProps } from './consumer-side-defaults';
import { ConsumerSideProps, ResolvedConsumerSideProps } from './consumer-side-props';
import { NetworkSecurity } from '../network-security/network-security';
import { OperatorAccess } from '../operator-access/operator-access';
import { operatorAllowRules } from '../operator-access/operator-allow-rules';
import { PrivateVm } from '../private-vm/private-vm';
import { DYNAMIC } from '../validation/addresses';
import { ProblemList } from '../validation/problems';
import { NatGatewayOutbound } from '../outbound/nat-gateway-outbound';
import { SideObservability } from '../observability/side-observability';
import { operatorAccessTargets } from '../observability/operator-access-targets';

/**
 * VNet-A of the double NAT: VM-A and a private endpoint connected to the provider's Private Link
 * Service by alias. VM-A dials the endpoint's address in its own VNet: that is the DNAT.
 * No peering: the VNets may overlap and live in other subscriptions or tenants.
 */
export class ConsumerSide extends Construct {
  /** The props after defaults, as synthesized. */
  public readonly settings: ResolvedConsumerSideProps;
  /** VNet-A, when this side created it (not with an existing subnet). */
  public readonly virtualNetwork?: VirtualNetwork;
  /** The subnet id in use, created or existing. */
  public readonly subnetId: string;
  public readonly clientVm: PrivateVm;
  public readonly privateEndpoint: PrivateEndpoint;
  /** The address VM-A connects to. */
  public readonly privateEndpointIp: string;
  /** The endpoint's DNS name, when `privateDns` is set. */
  public readonly privateEndpointFqdn?: string;
  /** VM-A's private IP. */
  public readonly clientVmIp: string;
  /** Azure Bastion in VNet-A, when `operatorAccess` is set. */
  public readonly operatorAccess?: OperatorAccess;
  /** The NAT gateway of VM-A's subnet, when `outbound` asks for one. */
  public readonly outbound?: NatGatewayOutbound;
  /** The NSG in front of VM-A. */
  public readonly clientSecurity: NetworkSecurity;
  /** Diagnostic settings and flow logs, when `observability` is set. */
  public readonly observability?: SideObservability;

  constructor(scope: Construct, id: string, props: ConsumerSideProps) {
    super(scope, id);
    const settings = resolveConsumerSideProps(props);
    const problems = new ProblemList(this.node.path);
    checkConsumerSideProps(problems, settings);
    problems.throwIfAny();
    this.settings = settings;

    const { resourceGroupName, location, network } = settings;
    const common = { resourceGroupName, location };
    const tags = tagsOrNone(settings.tags);

    let virtualNetworkId: string;
    let createdSubnet: string | undefined;
    if (network.subnet.id !== undefined) {
      this.subnetId = network.subnet.id;
      virtualNetworkId = virtualNetworkIdOfSubnet(this.subnetId);
    } else {
      this.virtualNetwork = new VirtualNetwork(this, 'vnet', { ...common, name: network.name, addressSpace: network.addressSpace, tags });
      const subnet = new Subnet(this, 'subnet', {
        resourceGroupName,
        virtualNetworkName: this.virtualNetwork.name,
        name: network.subnet.name,
        addressPrefixes: [network.subnet.addressPrefix as string],
        // Private subnet: outbound only by the method `outbound` names (see docs/outbound-and-observability.md).
        defaultOutboundAccessEnabled: false,
      });
      this.subnetId = createdSubnet = subnet.id;
      virtualNetworkId = this.virtualNetwork.id;
    }

    this.clientVm = new PrivateVm(this, 'client-vm', {
      ...common,
      subnetId: this.subnetId,
      settings: settings.clientVm,
      outputBaseName: 'vm_a',
      tags,
    });
    this.clientVmIp = this.clientVm.privateIp;
    if (settings.outbound.natGateway && createdSubnet) {
      this.outbound = new NatGatewayOutbound(this, 'outbound', { ...common, settings: settings.outbound.natGateway, subnetIds: [createdSubnet], tags });
    }

    const pe = settings.privateEndpoint;
    const isStatic = pe.privateIp !== DYNAMIC;
    this.privateEndpoint = new PrivateEndpoint(this, 'private-endpoint', {
      ...common,
      name: pe.name,
      subnetId: this.subnetId,
      customNetworkInterfaceName: pe.networkInterfaceName,
      // By alias, not resource id: the alias is all a consumer in another subscription or tenant can see.
      privateServiceConnection: {
        name: pe.connectionName,
        privateConnectionResourceAlias: settings.privateLinkServiceAlias,
        isManualConnection: pe.manualApproval,
        requestMessage: pe.manualApproval ? pe.requestMessage : undefined,
      },
      // A Private Link Service has no group ids: name and address are all a static endpoint IP takes
      // (the azurerm acceptance test "staticIpAddress" does the same).
      ipConfiguration: isStatic ? [{ name: `${pe.name}-ipconfig`, privateIpAddress: pe.privateIp }] : undefined,
      tags,
    });
    this.privateEndpointIp = isStatic ? pe.privateIp : this.privateEndpoint.privateServiceConnection.privateIpAddress;

    if (settings.privateDns) {
      const dns = settings.privateDns;
      const zone = new PrivateDnsZone(this, 'private-dns-zone', { name: dns.zoneName, resourceGroupName, tags });
      new PrivateDnsZoneVirtualNetworkLink(this, 'private-dns-link', {
        name: `${network.name}-link`,
        resourceGroupName,
        privateDnsZoneName: zone.name,
        virtualNetworkId,
        registrationEnabled: false,
        tags,
      });
      new PrivateDnsARecord(this, 'private-dns-record', {
        name: dns.recordName,
        zoneName: zone.name,
        resourceGroupName,
        ttl: dns.ttl,
        records: [this.privateEndpointIp],
        tags,
      });
      this.privateEndpointFqdn = dns.recordName === '@' ? dns.zoneName : `${dns.recordName}.${dns.zoneName}`;
    }

    if (settings.operatorAccess) {
      this.operatorAccess = new OperatorAccess(this, 'operator-access', {
        ...common,
        settings: settings.operatorAccess,
        virtualNetworkId,
        virtualNetworkName: this.virtualNetwork?.name,
        tags,
      });
    }

    // VM-A only dials out; nothing needs to reach it but the operator's Bastion, when asked for.
    // Endpoints ignore NSGs unless their network policies are on, so this does not affect the private endpoint.
    const vm = settings.clientVm;
    this.clientSecurity = new NetworkSecurity(this, 'client-security', {
      ...common,
      name: settings.names.clientNetworkSecurityGroup,
      attachTo: createdSubnet ? { subnetId: createdSubnet } : { networkInterfaceIds: [this.clientVm.networkInterface.id] },
      allowInbound: operatorAllowRules(settings.operatorAccess, [
        { os: vm.os, destination: vm.privateIp !== DYNAMIC ? vm.privateIp : (network.subnet.addressPrefix ?? 'VirtualNetwork') },
      ]),
      tags,
    });

    if (settings.observability) {
      this.observability = new SideObservability(this, 'observability', {
        ...common,
        settings: settings.observability,
        targets: [
          { key: 'client-nsg', kind: 'networkSecurityGroup', resourceId: this.clientSecurity.networkSecurityGroup.id },
          { key: 'private-endpoint', kind: 'privateEndpoint', resourceId: this.privateEndpoint.id },
          ...operatorAccessTargets(this.operatorAccess),
        ],
        virtualNetwork: this.virtualNetwork && { id: this.virtualNetwork.id, name: network.name },
        tags,
      });
    }
  }
}
