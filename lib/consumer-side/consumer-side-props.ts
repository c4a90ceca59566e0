/**
 * Props of `ConsumerSide` (VNet-A) and their resolved form; defaults are filled in by
 * consumer-side-defaults.ts and checked by consumer-side-checks.ts.
 */
import { SubnetSettings } from '../common-settings';
import { AdminPasswordSource, ResolvedVmSettings, VmSettings } from '../private-vm/vm-settings';
import { OperatorAccessSettings, ResolvedOperatorAccess } from '../operator-access/operator-access-props';
import { OutboundSettings, ResolvedOutbound } from '../outbound/outbound-props';
import { ObservabilitySettings, ResolvedObservability } from '../observability/observability-props';

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
