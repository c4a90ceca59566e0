/**
 * The double NAT as a model of hosts, addresses and rules, read back from synthesized Terraform JSON.
 * The path report, the diagrams, `npm run verify` and the local rehearsal all work from it.
 */
import { VmOs } from '../private-vm/vm-settings';

/** An address as synth knows it: a static IP, or "dynamic" within a subnet. */
export interface Address {
  /** The IP, when static (known before deploy). */
  readonly ip?: string;
  /** The subnet it is in: its prefix when known, else its name or id. */
  readonly subnet: string;
}

export function showAddress(address: Address): string {
  return address.ip ?? `dynamic in ${address.subnet}`;
}


export interface VmModel {
  readonly name: string;
  readonly resourceGroup: string;
  readonly os: VmOs;
  readonly address: Address;
}

export interface BackendVmModel extends VmModel {
  /** In the load balancer's backend pool (load-balancing rules reach only pool members). */
  readonly inPool: boolean;
}

export interface ServiceModel {
  /** "nat": an inbound NAT rule to one VM; "lb": a load-balancing rule over the pool. */
  readonly kind: 'nat' | 'lb';
  readonly name: string;
  readonly protocol: 'Tcp' | 'Udp';
  readonly frontendPort: number;
  readonly backendPort: number;
  /** The VMs the rule forwards to (names). */
  readonly targets: string[];
}

/** Azure Bastion in a VNet: how an operator reaches the side's VMs by hand. */
export interface OperatorAccessModel {
  readonly bastion: string;
  readonly sku: string;
  /** `az network bastion rdp/ssh/tunnel` work (Standard with native client). */
  readonly nativeClient: boolean;
  /** Where the VMs see its sessions come from: 168.63.129.16 (Developer) or the AzureBastionSubnet. */
  readonly source: string;
  /** The VMs it opens, each on its admin port (RDP 3389 or SSH 22). */
  readonly vms: { readonly name: string; readonly address: Address; readonly port: number }[];
}

/**
 * How a side's VMs reach the internet, read from their subnet: "none" (a private subnet of the stack
 * without NAT gateway), "natGateway", "default" (Azure's retiring default outbound access) or
 * "existing-subnet" (a subnet the stack does not own: its owner decides, synth cannot see it).
 */
export interface OutboundModel {
  readonly kind: 'none' | 'natGateway' | 'default' | 'existing-subnet';
  /** The NAT gateway's name (created) or id (existing). */
  readonly natGateway?: string;
  /** The name of the NAT gateway's public IP, when the stack created it. */
  readonly publicIp?: string;
  /** The VMs that egress this way. */
  readonly vms: { readonly name: string; readonly os: VmOs }[];
}

/** Where a side's diagnostics go and what watches its path, read from the diagnostic settings, flow logs and alerts. */
export interface ObservabilityModel {
  /** The workspaces, in setting order: a created workspace's name (with its retention), or an existing one's id. */
  readonly workspaces: string[];
  /** Each resource with a diagnostic setting: its name, resource type, log categories and whether metrics go too. */
  readonly resources: { readonly name: string; readonly type: string; readonly logs: string[]; readonly metrics: boolean }[];
  readonly flowLogs?: { readonly vnet: string; readonly storage: string; readonly retentionInDays: number; readonly trafficAnalytics: boolean };
  readonly alerts: { readonly name: string; readonly metric: string; readonly operator: string; readonly threshold: number; readonly notifies: string[] }[];
}

export interface ProviderModel {
  readonly stack: string;
  readonly resourceGroup: string;
  readonly privateLinkService: string;
  readonly frontend: Address;
  readonly natIps: Address[];
  readonly services: ServiceModel[];
  readonly backendVms: BackendVmModel[];
  readonly proxyProtocol: boolean;
  /** Subscriptions, literal GUIDs or "provider" for the provider stack's own. */
  readonly visibleTo: string[];
  readonly autoApproves: string[];
  /** The command that approves pending connections, when the stack outputs one. */
  readonly approveCommand?: string;
  /** Private endpoint ids the provider invited (manual approval); `{provider-subscription}` stands for its own. */
  readonly invitedEndpointIds: string[];
  /** The provider stack's subscription, when the configuration names it. */
  readonly subscription?: string;
  /** Address space of VNet-B when this stack created it. */
  readonly addressSpace?: string[];
  readonly operatorAccess?: OperatorAccessModel;
  /** One entry per VM subnet (usually one). */
  readonly outbound: OutboundModel[];
  readonly observability?: ObservabilityModel;
}

export interface ConsumerModel {
  readonly stack: string;
  readonly resourceGroup: string;
  /** The consumer's subscription, a GUID, or "provider" when it deploys into the provider's. */
  readonly subscription: string;
  readonly clientVm: VmModel;
  readonly privateEndpoint: {
    readonly name: string;
    /** Its resource id as the configuration makes it; `{provider-subscription}` stands for the provider's own. */
    readonly id: string;
    readonly address: Address;
    readonly manualApproval: boolean;
  };
  readonly fqdn?: string;
  readonly addressSpace?: string[];
  readonly operatorAccess?: OperatorAccessModel;
  readonly outbound: OutboundModel[];
  readonly observability?: ObservabilityModel;
}

export interface Topology {
  readonly provider: ProviderModel;
  readonly consumers: ConsumerModel[];
}
