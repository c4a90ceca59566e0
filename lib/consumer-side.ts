import { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { Construct } from 'constructs';
import { tagsOrNone } from './common-settings';
import { ConsumerSideProps, ResolvedConsumerSideProps, checkConsumerSideProps, resolveConsumerSideProps } from './consumer-side-props';
import { SubnetSecurity } from './subnet-security';
import { DYNAMIC } from './validation/addresses';
import { ProblemList } from './validation/problems';
import { WindowsVm } from './windows-vm';

/**
 * VNet-A of the double NAT: VM-A and a private endpoint connected to the provider's Private Link
 * Service by alias. VM-A dials the endpoint's address in its own VNet: that is the DNAT.
 * No peering: the VNets may overlap and live in other subscriptions or tenants.
 */
export class ConsumerSide extends Construct {
  /** The props after defaults, as synthesized. */
  public readonly settings: ResolvedConsumerSideProps;
  public readonly virtualNetwork: VirtualNetwork;
  public readonly subnet: Subnet;
  public readonly clientVm: WindowsVm;
  public readonly privateEndpoint: PrivateEndpoint;
  /** The address VM-A connects to. */
  public readonly privateEndpointIp: string;
  /** VM-A's private IP. */
  public readonly clientVmIp: string;

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

    this.virtualNetwork = new VirtualNetwork(this, 'vnet', {
      ...common,
      name: network.name,
      addressSpace: network.addressSpace,
      tags,
    });
    this.subnet = new Subnet(this, 'subnet', {
      resourceGroupName,
      virtualNetworkName: this.virtualNetwork.name,
      name: network.subnet.name,
      addressPrefixes: [network.subnet.addressPrefix],
    });

    this.clientVm = new WindowsVm(this, 'client-vm', {
      ...common,
      subnetId: this.subnet.id,
      settings: settings.clientVm,
      outputBaseName: 'vm_a',
      tags,
    });
    this.clientVmIp = this.clientVm.privateIp;

    const pe = settings.privateEndpoint;
    const isStatic = pe.privateIp !== DYNAMIC;
    this.privateEndpoint = new PrivateEndpoint(this, 'private-endpoint', {
      ...common,
      name: pe.name,
      subnetId: this.subnet.id,
      customNetworkInterfaceName: `${pe.name}-nic`,
      // By alias, not resource id: the alias is all a consumer in another subscription or tenant can see.
      privateServiceConnection: {
        name: `${pe.name}-connection`,
        privateConnectionResourceAlias: settings.privateLinkServiceAlias,
        isManualConnection: pe.manualApproval,
        requestMessage: pe.manualApproval ? pe.requestMessage : undefined,
      },
      ipConfiguration: isStatic ? [{ name: `${pe.name}-ipconfig`, privateIpAddress: pe.privateIp }] : undefined,
      tags,
    });
    this.privateEndpointIp = isStatic ? pe.privateIp : this.privateEndpoint.privateServiceConnection.privateIpAddress;

    // VM-A only dials out; nothing needs to reach it. Endpoints ignore subnet NSGs unless their
    // network policies are on, so this does not affect the private endpoint.
    new SubnetSecurity(this, 'client-security', {
      ...common,
      name: settings.names.clientNetworkSecurityGroup,
      subnetId: this.subnet.id,
      allowInbound: [],
      tags,
    });
  }
}
