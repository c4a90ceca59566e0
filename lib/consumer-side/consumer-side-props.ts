/**
 * Props of `ConsumerSide` (VNet-A), their defaults, and the checks that run before any resource exists.
 */
import { DEFAULT_LOCATION, SubnetSettings, checkSubnetId } from '../common-settings';
import { Cidr } from '../net/ipv4';
import { StaticAddressPlan, defaultAddress, checkAddressSpace, checkSubnetPrefix } from '../validation/addresses';
import { checkLocation, checkTags } from '../validation/azure-values';
import { checkIntegerIn } from '../validation/load-balancer';
import { checkName } from '../validation/names';
import { ProblemList } from '../validation/problems';
import { isToken } from '../validation/tokens';
import { AdminPasswordSource, ResolvedVmSettings, VmSettings, checkVmSettings, resolveVmSettings } from '../private-vm/vm-settings';
import { OperatorAccessSettings, ResolvedOperatorAccess } from '../operator-access/operator-access-props';
import { resolveOperatorAccess } from '../operator-access/operator-access-defaults';
import { checkOperatorAccess } from '../operator-access/operator-access-checks';
import { OutboundSettings, ResolvedOutbound, checkOutbound, resolveOutbound } from '../outbound/outbound-props';
import { ObservabilitySettings, ResolvedObservability, checkObservability, resolveObservability } from '../observability/observability-props';

export interface ConsumerNetworkSettings {
  /** VNet-A name (when this side creates it). @default "vnet-a" */
  readonly name?: string;
  /** VNet-A address space; it may overlap VNet-B's, as the two are never peered. @default ["10.0.0.0/16"] */
  readonly addressSpace?: string[];
  /** Subnet of VM-A and the private endpoint, created or existing (`id`). @default { name: "snet-default", addressPrefix: "10.0.0.0/24" } */
  readonly subnet?: SubnetSettings;
}

export interface PrivateEndpointSettings {
  /** Private endpoint name. @default "pe-to-b" */
  readonly name?: string;
  /** Static IP in the consumer subnet (the address VM-A dials), or "Dynamic". @default - the subnet's x.x.x.5 */
  readonly privateIp?: string;
  /** Ask the provider's owner to approve the connection instead of relying on auto-approval. @default false */
  readonly manualApproval?: boolean;
  /** Message shown to the approver (manual approval only, at most 140 characters). @default "Double NAT access from <vnet name>" */
  readonly requestMessage?: string;
  /** Name of the endpoint's NIC. @default "<name>-nic" */
  readonly networkInterfaceName?: string;
  /** Name of its connection to the PLS. @default "<name>-connection" */
  readonly connectionName?: string;
}

/** A private DNS name for the endpoint, so VM-A can use a name instead of the IP. */
export interface PrivateDnsSettings {
  /** Zone, created in this side's resource group and linked to VNet-A, e.g. "service.internal". */
  readonly zoneName: string;
  /** Record in the zone. @default "vm-b" */
  readonly recordName?: string;
  /** TTL in seconds. @default 300 */
  readonly ttl?: number;
}

export interface ConsumerSideNames {
  /** @default "nsg-a" */ readonly clientNetworkSecurityGroup?: string;
}

/** `Password`: the admin password sources VM-A may use (see `VmSettings`). */
export interface ConsumerSideProps<Password extends AdminPasswordSource = AdminPasswordSource> {
  /** Resource group of every resource of this side. */
  readonly resourceGroupName: string;
  /** Azure region; it need not match the provider's. @default "japaneast" */
  readonly location?: string;
  /** Alias of the Private Link Service to connect to (a token from `ProviderSide`, or the literal alias). */
  readonly privateLinkServiceAlias: string;
  /** VNet-A and its subnet. @default - 10.0.0.0/16 with snet-default 10.0.0.0/24 */
  readonly network?: ConsumerNetworkSettings;
  /** The private endpoint VM-A talks to (DNAT). @default - "pe-to-b", static x.x.x.5, automatic approval */
  readonly privateEndpoint?: PrivateEndpointSettings;
  /** A private DNS record for the endpoint. @default - none: VM-A uses the IP */
  readonly privateDns?: PrivateDnsSettings;
  /** VM-A. @default - "vm-a", Windows Server 2019, Standard_B2s, the subnet's x.x.x.4 */
  readonly clientVm?: VmSettings<Password>;
  /** Azure Bastion in VNet-A, so an operator can open VM-A (RDP or SSH) and try the double NAT by hand. @default - none: VM-A admits nothing inbound */
  readonly operatorAccess?: OperatorAccessSettings;
  /** How VM-A reaches the internet; the subnet this side creates is private. @default { method: "none" }: no egress */
  readonly outbound?: OutboundSettings;
  /** Diagnostic logs and metrics of what this side creates, and VNet flow logs. @default - none */
  readonly observability?: ObservabilitySettings;
  /** Resource name overrides. @default - see each name */
  readonly names?: ConsumerSideNames;
  /** Tags on every resource. @default - none */
  readonly tags?: Record<string, string>;
}

export interface ResolvedConsumerSideProps {
  readonly resourceGroupName: string;
  readonly location: string;
  readonly privateLinkServiceAlias: string;
  readonly network: { readonly name: string; readonly addressSpace: string[]; readonly subnet: SubnetSettings & { readonly name: string } };
  readonly privateEndpoint: Required<PrivateEndpointSettings>;
  readonly privateDns?: Required<PrivateDnsSettings>;
  readonly clientVm: ResolvedVmSettings;
  readonly operatorAccess?: ResolvedOperatorAccess;
  readonly outbound: ResolvedOutbound;
  readonly observability?: ResolvedObservability;
  readonly names: Required<ConsumerSideNames>;
  readonly tags: Record<string, string>;
}

/** The private endpoint's name when none is set; the provider stack derives the endpoint's id from it too. */
export const DEFAULT_PRIVATE_ENDPOINT_NAME = 'pe-to-b';

export function resolveConsumerSideProps(props: ConsumerSideProps): ResolvedConsumerSideProps {
  const existing = props.network?.subnet?.id !== undefined;
  const subnet = { name: 'snet-default', ...(existing ? {} : { addressPrefix: '10.0.0.0/24' }), ...props.network?.subnet };
  const prefix = subnet.addressPrefix ?? '';
  const vnetName = props.network?.name ?? 'vnet-a';
  const peName = props.privateEndpoint?.name ?? DEFAULT_PRIVATE_ENDPOINT_NAME;
  return {
    resourceGroupName: props.resourceGroupName,
    location: props.location ?? DEFAULT_LOCATION,
    privateLinkServiceAlias: props.privateLinkServiceAlias,
    network: { name: vnetName, addressSpace: props.network?.addressSpace ?? ['10.0.0.0/16'], subnet },
    privateEndpoint: {
      name: peName,
      privateIp: props.privateEndpoint?.privateIp ?? defaultAddress(prefix, 5),
      manualApproval: props.privateEndpoint?.manualApproval ?? false,
      requestMessage: props.privateEndpoint?.requestMessage ?? `Double NAT access from ${vnetName}`,
      networkInterfaceName: props.privateEndpoint?.networkInterfaceName ?? `${peName}-nic`,
      connectionName: props.privateEndpoint?.connectionName ?? `${peName}-connection`,
    },
    privateDns: props.privateDns && { recordName: 'vm-b', ttl: 300, ...props.privateDns },
    clientVm: resolveVmSettings(props.clientVm, { name: 'vm-a', privateIp: defaultAddress(prefix, 4) }),
    operatorAccess: resolveOperatorAccess(props.operatorAccess, { name: vnetName, addressSpace: props.network?.addressSpace ?? ['10.0.0.0/16'], existing }),
    outbound: resolveOutbound(props.outbound, vnetName),
    observability: resolveObservability(props.observability, { vnetName }),
    names: { clientNetworkSecurityGroup: 'nsg-a', ...props.names },
    tags: props.tags ?? {},
  };
}

/** "<name>.<guid>.<region>.azure.privatelinkservice", as Azure prints a PLS alias. */
const ALIAS = /^[A-Za-z0-9][A-Za-z0-9_.-]*\.[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}\.[a-z0-9]+\.azure\.privatelinkservice$/;

/** Records every problem of resolved consumer-side props. */
export function checkConsumerSideProps(problems: ProblemList, props: ResolvedConsumerSideProps): void {
  checkName(problems, 'resourceGroupName', props.resourceGroupName, 'resourceGroup');
  checkLocation(problems, 'location', props.location);
  checkTags(problems, 'tags', props.tags);
  const alias = props.privateLinkServiceAlias;
  problems.check(
    typeof alias === 'string' && (isToken(alias) || ALIAS.test(alias)),
    'privateLinkServiceAlias',
    alias,
    'a Private Link Service alias such as "pls-b.00000000-0000-0000-0000-000000000000.japaneast.azure.privatelinkservice", or a token',
  );

  const net = props.network;
  let subnet: Cidr | undefined;
  let space: Cidr[] | undefined;
  if (net.subnet.id !== undefined) {
    checkSubnetId(problems, 'network.subnet.id', net.subnet.id);
    if (net.subnet.addressPrefix !== undefined) subnet = checkSubnetPrefix(problems, 'network.subnet.addressPrefix', net.subnet.addressPrefix, undefined);
  } else {
    checkName(problems, 'network.name', net.name, 'virtualNetwork');
    space = checkAddressSpace(problems, 'network.addressSpace', net.addressSpace);
    checkName(problems, 'network.subnet.name', net.subnet.name, 'subnet');
    subnet = checkSubnetPrefix(problems, 'network.subnet.addressPrefix', net.subnet.addressPrefix, space);
  }

  const plan = new StaticAddressPlan(problems);
  plan.check('clientVm.privateIp', props.clientVm.privateIp, subnet, 'network.subnet', true);
  plan.check('privateEndpoint.privateIp', props.privateEndpoint.privateIp, subnet, 'network.subnet', true);

  const pe = props.privateEndpoint;
  checkName(problems, 'privateEndpoint.name', pe.name, 'privateEndpoint');
  checkName(problems, 'privateEndpoint.networkInterfaceName', pe.networkInterfaceName, 'networkInterface');
  checkName(problems, 'privateEndpoint.connectionName', pe.connectionName, 'ipConfiguration');
  problems.check(typeof pe.manualApproval === 'boolean', 'privateEndpoint.manualApproval', pe.manualApproval, 'true or false');
  if (pe.manualApproval) {
    problems.check(
      typeof pe.requestMessage === 'string' && pe.requestMessage.length >= 1 && pe.requestMessage.length <= 140,
      'privateEndpoint.requestMessage',
      pe.requestMessage,
      '1-140 characters',
    );
  }
  if (props.privateDns) {
    checkName(problems, 'privateDns.zoneName', props.privateDns.zoneName, 'privateDnsZone');
    checkName(problems, 'privateDns.recordName', props.privateDns.recordName, 'dnsRecord');
    checkIntegerIn(problems, 'privateDns.ttl', props.privateDns.ttl, { min: 1, max: 2147483647 }, 'seconds');
  }
  checkVmSettings(problems.at('clientVm'), props.clientVm);
  checkOperatorAccess(problems, props.operatorAccess, {
    location: props.location,
    resourceGroupName: props.resourceGroupName,
    addressSpace: space,
    otherSubnets: [{ prop: 'network.subnet.addressPrefix', cidr: subnet }],
    existingSubnetId: net.subnet.id,
    vmCount: 1,
  });
  checkOutbound(problems, props.outbound, net.subnet.id !== undefined ? 'network.subnet.id' : undefined);
  checkObservability(problems, props.observability, net.subnet.id !== undefined ? 'network.subnet.id' : undefined);
  checkName(problems, 'names.clientNetworkSecurityGroup', props.names.clientNetworkSecurityGroup, 'networkSecurityGroup');
}
