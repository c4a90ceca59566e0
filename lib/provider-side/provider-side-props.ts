/**
 * Props of `ProviderSide` (VNet-B) and their resolved form; defaults are filled in by
 * provider-side-defaults.ts and checked by provider-side-checks.ts.
 */
import { SubnetSettings } from '../common-settings';
import { LbProtocol, ProbeProtocol } from '../validation/load-balancer';
import { AdminPasswordSource, ResolvedVmSettings, VmSettings } from '../private-vm/vm-settings';
import { OperatorAccessSettings, ResolvedOperatorAccess } from '../operator-access/operator-access-props';
import { OutboundSettings, ResolvedOutbound } from '../outbound/outbound-props';
import { ProviderObservabilitySettings, ResolvedObservability } from '../observability/observability-props';

export interface ProviderNetworkSettings {
  /** VNet-B name (when this side creates it). @default "vnet-b" */
  readonly name?: string;
  /** VNet-B address space (when this side creates it). @default ["10.1.0.0/16"] */
  readonly addressSpace?: string[];
  /** Subnet of the LB frontend and the backend VMs. @default { name: "snet-backend", addressPrefix: "10.1.0.0/24" } */
  readonly backendSubnet?: SubnetSettings;
  /** Subnet of the PLS NAT IPs; private-link-service network policies must be off in it. @default { name: "snet-private-link", addressPrefix: "10.1.1.0/24" } */
  readonly privateLinkSubnet?: SubnetSettings;
}

/** A frontend the user already has: the PLS is put on it, and no LB, VM or rule is created. */
export interface ExistingFrontendSettings {
  /** Resource id of the Standard internal LB's frontend ip configuration. */
  readonly frontendIpConfigurationId: string;
  /** Its private IP, for outputs and reports. @default - unknown to synth */
  readonly frontendIp?: string;
}

/** An inbound NAT rule: a frontend port forwarded to one backend VM. */
export interface InboundNatRuleSettings {
  /** Rule name (at most 60 characters). */
  readonly name: string;
  /** "Tcp" or "Udp". @default "Tcp" */
  readonly protocol?: LbProtocol;
  /** Port on the LB frontend, which the private endpoint exposes to VM-A. */
  readonly frontendPort: number;
  /** Port on the VM. @default - the frontend port */
  readonly backendPort?: number;
  /** TCP idle timeout in minutes, 4-30. @default 4 */
  readonly idleTimeoutInMinutes?: number;
  /** Name of the backend VM it forwards to. @default - the first backend VM */
  readonly targetVm?: string;
}

/** A health probe of a load-balancing rule. */
export interface ProbeSettings {
  /** "Tcp", "Http" or "Https". @default "Tcp" */
  readonly protocol?: ProbeProtocol;
  /** Port probed on each VM. @default - the rule's backend port */
  readonly port?: number;
  /** Path for Http and Https probes. @default "/" */
  readonly requestPath?: string;
  /** Seconds between probes. @default 5 */
  readonly intervalInSeconds?: number;
}

/** A load-balancing rule: a frontend port spread over every backend VM that passes the probe. */
export interface LoadBalancingRuleSettings {
  /** Rule name (at most 60 characters); its probe is "probe-<name>". */
  readonly name: string;
  /** "Tcp" or "Udp". @default "Tcp" */
  readonly protocol?: LbProtocol;
  /** Port on the LB frontend, which the private endpoint exposes to VM-A. */
  readonly frontendPort: number;
  /** Port on the VMs. @default - the frontend port */
  readonly backendPort?: number;
  /** TCP idle timeout in minutes, 4-100. @default 4 */
  readonly idleTimeoutInMinutes?: number;
  /** @default - TCP on the backend port */
  readonly probe?: ProbeSettings;
}

/** One NAT IP configuration of the Private Link Service: a source address VM-B sees. */
export interface NatIpSettings {
  /** Configuration name. @default "nat-ip-<n>" */
  readonly name?: string;
  /** Static IP in the private-link subnet, or "Dynamic". @default - the subnet's x.x.x.4, .5, ... */
  readonly privateIp?: string;
  /** Exactly one NAT IP is primary. @default true for the first, false for the others */
  readonly primary?: boolean;
}

export interface ProviderSideNames {
  /** @default "lb-b" */ readonly loadBalancer?: string;
  /** @default "frontend" */ readonly frontendIpConfiguration?: string;
  /** @default "backend-pool" */ readonly backendPool?: string;
  /** @default "pls-b" */ readonly privateLinkService?: string;
  /** @default "nsg-backend" */ readonly backendNetworkSecurityGroup?: string;
  /** NSG of the private-link subnet this side creates (none for an existing subnet). @default "nsg-private-link" */
  readonly privateLinkNetworkSecurityGroup?: string;
  /** @default "lock-pls-b" */ readonly deleteLock?: string;
}

/** `Password`: the admin password sources the VMs may use (see `VmSettings`). */
export interface ProviderSideProps<Password extends AdminPasswordSource = AdminPasswordSource> {
  /** Resource group of every resource of this side. */
  readonly resourceGroupName: string;
  /** Azure region. @default "japaneast" */
  readonly location?: string;
  /** VNet-B and its subnets, created or existing. @default - 10.1.0.0/16 with snet-backend 10.1.0.0/24 and snet-private-link 10.1.1.0/24 */
  readonly network?: ProviderNetworkSettings;
  /** Put the PLS on a load balancer frontend you already have instead of creating LB, VMs and rules. @default - none: all are created */
  readonly existingFrontend?: ExistingFrontendSettings;
  /** Static private IP of the internal LB frontend, in the backend subnet. @default - the backend subnet's x.x.x.4 */
  readonly frontendIp?: string;
  /** The backend VMs, all in the backend pool. @default - one: "vm-b", Windows Server 2019, Standard_B2s, the backend subnet's x.x.x.5 */
  readonly backendVms?: VmSettings<Password>[];
  /** Ports forwarded to one VM each. @default - [RDP: Tcp 3389 to 3389] when no load-balancing rule is set, else none */
  readonly inboundNatRules?: InboundNatRuleSettings[];
  /** Ports spread over all backend VMs with a health probe. @default - none */
  readonly loadBalancingRules?: LoadBalancingRuleSettings[];
  /** PLS NAT IPs (1 to 8). @default - one primary static IP, the private-link subnet's x.x.x.4 */
  readonly natIps?: NatIpSettings[];
  /**
   * TCP proxy protocol v2: VM-B's service then learns each consumer's original address (the private
   * endpoint's). That undoes the source hiding of the article's SNAT, and the service must speak it. @default false
   */
  readonly proxyProtocol?: boolean;
  /** FQDNs consumers may use for the service (shown on their endpoint, for their DNS). @default - none */
  readonly fqdns?: string[];
  /** A CanNotDelete lock on the PLS, so deleting it (and breaking every consumer) takes a deliberate step. @default false */
  readonly deleteLock?: boolean;
  /** Subscriptions that may find the PLS by alias: GUIDs or "*". @default - none: only callers with RBAC on it */
  readonly visibilitySubscriptionIds?: string[];
  /** Subscriptions whose endpoints are approved without a human; each must also be visible. @default - none */
  readonly autoApprovalSubscriptionIds?: string[];
  /** Azure Bastion in VNet-B, so an operator can open the backend VMs (RDP or SSH). @default - none: the backends admit only the NAT IPs */
  readonly operatorAccess?: OperatorAccessSettings;
  /** How the backend VMs reach the internet; every subnet this side creates is private. @default { method: "none" }: no egress */
  readonly outbound?: OutboundSettings;
  /** Diagnostic logs and metrics of what this side creates, VNet flow logs and path alerts. @default - none */
  readonly observability?: ProviderObservabilitySettings;
  /** Resource name overrides. @default - see each name */
  readonly names?: ProviderSideNames;
  /** Tags on every resource. @default - none */
  readonly tags?: Record<string, string>;
}

export interface ResolvedNatRule {
  readonly name: string;
  readonly protocol: LbProtocol;
  readonly frontendPort: number;
  readonly backendPort: number;
  readonly idleTimeoutInMinutes: number;
  readonly targetVm: string;
}

export interface ResolvedLoadBalancingRule {
  readonly name: string;
  readonly protocol: LbProtocol;
  readonly frontendPort: number;
  readonly backendPort: number;
  readonly idleTimeoutInMinutes: number;
  readonly probe: { readonly protocol: ProbeProtocol; readonly port: number; readonly requestPath?: string; readonly intervalInSeconds: number };
}

export interface ResolvedNatIp {
  readonly name: string;
  readonly privateIp: string;
  readonly primary: boolean;
}

export interface ResolvedProviderSideProps {
  readonly resourceGroupName: string;
  readonly location: string;
  readonly network: {
    readonly name: string;
    readonly addressSpace: string[];
    readonly backendSubnet: SubnetSettings & { readonly name: string };
    readonly privateLinkSubnet: SubnetSettings & { readonly name: string };
  };
  readonly existingFrontend?: ExistingFrontendSettings;
  readonly frontendIp: string;
  readonly backendVms: ResolvedVmSettings[];
  readonly inboundNatRules: ResolvedNatRule[];
  readonly loadBalancingRules: ResolvedLoadBalancingRule[];
  readonly natIps: ResolvedNatIp[];
  readonly proxyProtocol: boolean;
  readonly fqdns: string[];
  readonly deleteLock: boolean;
  readonly visibilitySubscriptionIds: string[];
  readonly autoApprovalSubscriptionIds: string[];
  readonly operatorAccess?: ResolvedOperatorAccess;
  readonly outbound: ResolvedOutbound;
  readonly observability?: ResolvedObservability;
  readonly names: Required<ProviderSideNames>;
  readonly tags: Record<string, string>;
}
