/**
 * Props of `ProviderSide` (VNet-B), their defaults, and the checks that run before any resource exists.
 */
import { DEFAULT_LOCATION, SubnetSettings, checkSubnetId } from '../common-settings';
import { Cidr, parseCidr } from '../net/ipv4';
import { DYNAMIC, StaticAddressPlan, defaultAddress, checkAddressSpace, checkSubnetPrefix, checkSubnetsApart } from '../validation/addresses';
import { checkLocation, checkTags, isGuid } from '../validation/azure-values';
import {
  BACKEND_PORT,
  FRONTEND_PORT,
  IDLE_TIMEOUT_MINUTES,
  LbProtocol,
  NAT_RULE_IDLE_TIMEOUT_MINUTES,
  PROBE_INTERVAL_SECONDS,
  PROBE_PROTOCOLS,
  ProbeProtocol,
  checkFrontendPortsUnique,
  checkIntegerIn,
  checkProtocol,
} from '../validation/load-balancer';
import { MAX_AUTO_APPROVAL_SUBSCRIPTIONS, MAX_NAT_IPS, MAX_VISIBILITY_SUBSCRIPTIONS, checkProviderSideLimits } from '../validation/azure-limits';
import { checkName } from '../validation/names';
import { ProblemList } from '../validation/problems';
import { isToken } from '../validation/tokens';
import { AdminPasswordSource, ResolvedVmSettings, VmSettings, checkVmSettings, resolveVmSettings } from '../private-vm/vm-settings';
import { OperatorAccessSettings, ResolvedOperatorAccess, checkOperatorAccess, resolveOperatorAccess } from '../operator-access/operator-access-props';
import { OutboundSettings, ResolvedOutbound, checkOutbound, resolveOutbound } from '../outbound/outbound-props';
import { ProviderObservabilitySettings, ResolvedObservability, checkObservability, resolveObservability } from '../observability/observability-props';

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

/** The article's service: RDP to VM-B. */
export const RDP_NAT_RULE: InboundNatRuleSettings = { name: 'RDP', protocol: 'Tcp', frontendPort: 3389, backendPort: 3389 };

/** True when this side uses subnets that exist already: then it creates no VNet. */
export function usesExistingNetwork(props: { network: ResolvedProviderSideProps['network'] }): boolean {
  return props.network.backendSubnet.id !== undefined || props.network.privateLinkSubnet.id !== undefined;
}

export function resolveProviderSideProps(props: ProviderSideProps): ResolvedProviderSideProps {
  const backendSubnet = { name: 'snet-backend', ...defaultPrefix(props.network?.backendSubnet, '10.1.0.0/24'), ...props.network?.backendSubnet };
  const privateLinkSubnet = { name: 'snet-private-link', ...defaultPrefix(props.network?.privateLinkSubnet, '10.1.1.0/24'), ...props.network?.privateLinkSubnet };
  const backendPrefix = backendSubnet.addressPrefix ?? '';
  const existingFrontend = props.existingFrontend;
  const vmSettings = props.backendVms ?? (existingFrontend ? [] : [{}]);
  const backendVms = vmSettings.map((vm, i) =>
    resolveVmSettings(vm, { name: i === 0 ? 'vm-b' : `vm-b${i + 1}`, privateIp: defaultAddress(backendPrefix, 5 + i) }),
  );
  const lbRules = props.loadBalancingRules ?? [];
  const natRules = props.inboundNatRules ?? (existingFrontend || lbRules.length > 0 ? [] : [RDP_NAT_RULE]);
  return {
    resourceGroupName: props.resourceGroupName,
    location: props.location ?? DEFAULT_LOCATION,
    network: {
      name: props.network?.name ?? 'vnet-b',
      addressSpace: props.network?.addressSpace ?? ['10.1.0.0/16'],
      backendSubnet,
      privateLinkSubnet,
    },
    existingFrontend,
    frontendIp: existingFrontend ? (existingFrontend.frontendIp ?? 'Dynamic') : (props.frontendIp ?? defaultAddress(backendPrefix, 4)),
    backendVms,
    inboundNatRules: natRules.map((rule) => ({
      name: rule.name,
      protocol: rule.protocol ?? 'Tcp',
      frontendPort: rule.frontendPort,
      backendPort: rule.backendPort ?? rule.frontendPort,
      idleTimeoutInMinutes: rule.idleTimeoutInMinutes ?? 4,
      targetVm: rule.targetVm ?? backendVms[0]?.name,
    })),
    loadBalancingRules: lbRules.map((rule) => {
      const backendPort = rule.backendPort ?? rule.frontendPort;
      const probeProtocol = rule.probe?.protocol ?? 'Tcp';
      return {
        name: rule.name,
        protocol: rule.protocol ?? 'Tcp',
        frontendPort: rule.frontendPort,
        backendPort,
        idleTimeoutInMinutes: rule.idleTimeoutInMinutes ?? 4,
        probe: {
          protocol: probeProtocol,
          port: rule.probe?.port ?? backendPort,
          requestPath: probeProtocol === 'Tcp' ? rule.probe?.requestPath : (rule.probe?.requestPath ?? '/'),
          intervalInSeconds: rule.probe?.intervalInSeconds ?? 5,
        },
      };
    }),
    natIps: (props.natIps ?? [{}]).map((natIp, i) => ({
      name: natIp.name ?? `nat-ip-${i + 1}`,
      privateIp: natIp.privateIp ?? defaultAddress(privateLinkSubnet.addressPrefix ?? '', 4 + i),
      primary: natIp.primary ?? i === 0,
    })),
    proxyProtocol: props.proxyProtocol ?? false,
    fqdns: props.fqdns ?? [],
    deleteLock: props.deleteLock ?? false,
    visibilitySubscriptionIds: props.visibilitySubscriptionIds ?? [],
    autoApprovalSubscriptionIds: props.autoApprovalSubscriptionIds ?? [],
    operatorAccess: resolveOperatorAccess(props.operatorAccess, {
      name: props.network?.name ?? 'vnet-b',
      addressSpace: props.network?.addressSpace ?? ['10.1.0.0/16'],
      existing: backendSubnet.id !== undefined || privateLinkSubnet.id !== undefined,
    }),
    outbound: resolveOutbound(props.outbound, props.network?.name ?? 'vnet-b'),
    observability: resolveObservability(props.observability, { vnetName: props.network?.name ?? 'vnet-b', privateLinkServiceName: props.names?.privateLinkService ?? 'pls-b' }),
    names: {
      loadBalancer: 'lb-b',
      frontendIpConfiguration: 'frontend',
      backendPool: 'backend-pool',
      privateLinkService: 'pls-b',
      backendNetworkSecurityGroup: 'nsg-backend',
      privateLinkNetworkSecurityGroup: 'nsg-private-link',
      deleteLock: `lock-${props.names?.privateLinkService ?? 'pls-b'}`,
      ...props.names,
    },
    tags: props.tags ?? {},
  };
}

/** A created subnet gets a default prefix; an existing one only the prefix the user states. */
function defaultPrefix(subnet: SubnetSettings | undefined, prefix: string): { addressPrefix?: string } {
  return subnet?.id ? {} : { addressPrefix: prefix };
}


/** Records every problem of resolved provider-side props. */
export function checkProviderSideProps(problems: ProblemList, props: ResolvedProviderSideProps): void {
  checkName(problems, 'resourceGroupName', props.resourceGroupName, 'resourceGroup');
  checkLocation(problems, 'location', props.location);
  checkTags(problems, 'tags', props.tags);

  const { backend, privateLink, space } = checkNetwork(problems, props);
  const plan = new StaticAddressPlan(problems);
  if (props.existingFrontend) {
    checkExistingFrontend(problems, props, plan, backend);
  } else {
    // A PLS needs a static frontend: a dynamic one could move and strand every consumer.
    if (props.frontendIp === DYNAMIC && props.network.backendSubnet.addressPrefix === undefined) {
      problems.add('frontendIp', '(not set)', 'a static IPv4 address in the backend subnet: set it, or give network.backendSubnet.addressPrefix so that it defaults to the subnet\'s .4');
    } else {
      plan.check('frontendIp', props.frontendIp, backend, 'network.backendSubnet');
    }
    problems.check(props.backendVms.length >= 1, 'backendVms', props.backendVms, 'at least one VM');
  }
  const vmNames = new Set<string>();
  props.backendVms.forEach((vm, i) => {
    checkVmSettings(problems.at(`backendVms[${i}]`), vm);
    problems.check(!vmNames.has(vm.name), `backendVms[${i}].name`, vm.name, 'a name used by no other backend VM');
    vmNames.add(vm.name);
    plan.check(`backendVms[${i}].privateIp`, vm.privateIp, backend, 'network.backendSubnet', true);
  });

  checkNatIps(problems, props.natIps, plan, privateLink, props.existingFrontend === undefined);
  checkOperatorAccess(problems, props.operatorAccess, {
    location: props.location,
    resourceGroupName: props.resourceGroupName,
    addressSpace: space,
    otherSubnets: [
      { prop: 'network.backendSubnet.addressPrefix', cidr: backend },
      { prop: 'network.privateLinkSubnet.addressPrefix', cidr: privateLink },
    ],
    existingSubnetId: props.network.backendSubnet.id ?? props.network.privateLinkSubnet.id,
    vmCount: props.backendVms.length,
  });
  checkRules(problems, props, vmNames);
  checkOutbound(problems, props.outbound, usesExistingNetwork(props) ? 'network.backendSubnet.id' : undefined);
  checkObservability(problems, props.observability, usesExistingNetwork(props) ? 'network.privateLinkSubnet.id' : undefined);
  checkProviderSideLimits(problems, props);
  checkSubscriptionLists(problems, props);
  problems.check(typeof props.proxyProtocol === 'boolean', 'proxyProtocol', props.proxyProtocol, 'true or false');
  problems.check(typeof props.deleteLock === 'boolean', 'deleteLock', props.deleteLock, 'true or false');
  if (problems.check(Array.isArray(props.fqdns), 'fqdns', props.fqdns, 'a list of DNS names')) {
    props.fqdns.forEach((fqdn, i) => checkName(problems, `fqdns[${i}]`, fqdn, 'privateDnsZone'));
  }

  const kinds: Record<keyof ProviderSideNames, Parameters<typeof checkName>[3]> = {
    loadBalancer: 'loadBalancer',
    frontendIpConfiguration: 'loadBalancerChild',
    backendPool: 'loadBalancerChild',
    privateLinkService: 'privateLinkService',
    backendNetworkSecurityGroup: 'networkSecurityGroup',
    privateLinkNetworkSecurityGroup: 'networkSecurityGroup',
    deleteLock: 'managementLock',
  };
  for (const [key, kind] of Object.entries(kinds)) {
    checkName(problems, `names.${key}`, props.names[key as keyof ProviderSideNames], kind);
  }
  // Both NSGs go into the one resource group, where a name is unique (only a created subnet has one).
  if (!usesExistingNetwork(props)) {
    const { backendNetworkSecurityGroup, privateLinkNetworkSecurityGroup } = props.names;
    problems.check(
      privateLinkNetworkSecurityGroup.toLowerCase() !== backendNetworkSecurityGroup.toLowerCase(),
      'names.privateLinkNetworkSecurityGroup',
      privateLinkNetworkSecurityGroup,
      `a name other than names.backendNetworkSecurityGroup ("${backendNetworkSecurityGroup}")`,
    );
  }
}

function checkNetwork(problems: ProblemList, props: ResolvedProviderSideProps): { backend?: Cidr; privateLink?: Cidr; space?: Cidr[] } {
  const net = props.network;
  if (usesExistingNetwork(props)) {
    // Existing subnets: their VNet is not ours, so both must be given; prefixes are optional.
    const subnet = (key: 'backendSubnet' | 'privateLinkSubnet'): Cidr | undefined => {
      const settings = net[key];
      if (settings.id === undefined) {
        // Without any LB of ours, the backend subnet is not needed.
        if (key === 'backendSubnet' && props.existingFrontend) return undefined;
        problems.add(`network.${key}.id`, undefined, 'the id of an existing subnet too: with one existing subnet, this side creates no VNet');
        return undefined;
      }
      checkSubnetId(problems, `network.${key}.id`, settings.id);
      if (settings.addressPrefix === undefined) return undefined;
      return checkSubnetPrefix(problems, `network.${key}.addressPrefix`, settings.addressPrefix, undefined);
    };
    const backend = subnet('backendSubnet');
    const privateLink = subnet('privateLinkSubnet');
    checkSubnetsApart(problems, [
      { prop: 'network.backendSubnet.addressPrefix', cidr: backend },
      { prop: 'network.privateLinkSubnet.addressPrefix', cidr: privateLink },
    ]);
    return { backend, privateLink };
  }
  if (props.existingFrontend) {
    problems.add('network.privateLinkSubnet.id', undefined, 'an existing subnet id: with an existing frontend, the NAT IPs go into a subnet of its VNet');
    return {};
  }
  checkName(problems, 'network.name', net.name, 'virtualNetwork');
  const space = checkAddressSpace(problems, 'network.addressSpace', net.addressSpace);
  const subnet = (key: 'backendSubnet' | 'privateLinkSubnet'): Cidr | undefined => {
    checkName(problems, `network.${key}.name`, net[key].name, 'subnet');
    return checkSubnetPrefix(problems, `network.${key}.addressPrefix`, net[key].addressPrefix, space);
  };
  const backend = subnet('backendSubnet');
  const privateLink = subnet('privateLinkSubnet');
  checkSubnetsApart(problems, [
    { prop: 'network.backendSubnet.addressPrefix', cidr: backend },
    { prop: 'network.privateLinkSubnet.addressPrefix', cidr: privateLink },
  ]);
  problems.check(
    net.backendSubnet.name !== net.privateLinkSubnet.name,
    'network.privateLinkSubnet.name',
    net.privateLinkSubnet.name,
    "a name other than the backend subnet's",
  );
  return { backend, privateLink, space };
}

const FRONTEND_ID = /^\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/loadBalancers\/[^/]+\/frontendIPConfigurations\/[^/]+$/i;

function checkExistingFrontend(problems: ProblemList, props: ResolvedProviderSideProps, plan: StaticAddressPlan, backend: Cidr | undefined): void {
  const frontend = props.existingFrontend as ExistingFrontendSettings;
  problems.check(
    isToken(frontend.frontendIpConfigurationId) || (typeof frontend.frontendIpConfigurationId === 'string' && FRONTEND_ID.test(frontend.frontendIpConfigurationId)),
    'existingFrontend.frontendIpConfigurationId',
    frontend.frontendIpConfigurationId,
    'a frontend ip configuration id: /subscriptions/<guid>/resourceGroups/<rg>/providers/Microsoft.Network/loadBalancers/<lb>/frontendIPConfigurations/<name>',
  );
  if (frontend.frontendIp !== undefined) plan.check('existingFrontend.frontendIp', frontend.frontendIp, backend, 'network.backendSubnet');
  problems.check(props.backendVms.length === 0, 'backendVms', `${props.backendVms.length} VMs`, 'none with existingFrontend: your load balancer already has its backends');
  problems.check(
    props.inboundNatRules.length + props.loadBalancingRules.length === 0,
    'inboundNatRules',
    `${props.inboundNatRules.length + props.loadBalancingRules.length} rules`,
    'none with existingFrontend: the rules live on your load balancer',
  );
}

function checkNatIps(problems: ProblemList, natIps: ResolvedNatIp[], plan: StaticAddressPlan, subnet: Cidr | undefined, ownBackend: boolean): void {
  if (!problems.check(natIps.length >= 1 && natIps.length <= MAX_NAT_IPS, 'natIps', `${natIps.length} entries`, `1 to ${MAX_NAT_IPS} NAT IP configurations`)) {
    return;
  }
  const primaries = natIps.filter((n) => n.primary === true).length;
  problems.check(primaries === 1, 'natIps', `${primaries} primary`, 'a list with exactly one primary NAT IP');
  problems.check(
    !ownBackend || !natIps.some((n) => n.privateIp === DYNAMIC) || subnet !== undefined,
    'network.privateLinkSubnet.addressPrefix',
    undefined,
    'given when a NAT IP is "Dynamic" (give static natIps, or this prefix), so that the backend NSG admits exactly that subnet',
  );
  const names = new Set<string>();
  natIps.forEach((natIp, i) => {
    checkName(problems, `natIps[${i}].name`, natIp.name, 'ipConfiguration');
    problems.check(!names.has(natIp.name), `natIps[${i}].name`, natIp.name, 'a name used by no other NAT IP');
    names.add(natIp.name);
    plan.check(`natIps[${i}].privateIp`, natIp.privateIp, subnet, 'network.privateLinkSubnet', true);
  });
}

/** NAT and load-balancing rules share the frontend: names and protocol/port pairs are unique across both. */
function checkRules(problems: ProblemList, props: ResolvedProviderSideProps, vmNames: Set<string>): void {
  if (!props.existingFrontend) {
    problems.check(
      props.inboundNatRules.length + props.loadBalancingRules.length >= 1,
      'inboundNatRules',
      props.inboundNatRules,
      'at least one NAT or load-balancing rule: without one nothing reaches the backend',
    );
  }
  const names = new Set<string>();
  const common = (at: ProblemList, rule: ResolvedNatRule | ResolvedLoadBalancingRule, idleTimeout: { min: number; max: number }) => {
    checkName(at, 'name', rule.name, 'loadBalancerChild');
    // The backend NSG rule for it is "allow-<name>-from-pls-nat", and NSG rule names stop at 80.
    at.check(typeof rule.name !== 'string' || rule.name.length <= 60, 'name', rule.name, 'at most 60 characters, so that its NSG rule name fits in 80');
    at.check(!names.has(rule.name), 'name', rule.name, 'a name used by no other rule');
    names.add(rule.name);
    checkProtocol(at, 'protocol', rule.protocol);
    checkIntegerIn(at, 'frontendPort', rule.frontendPort, FRONTEND_PORT, 'port');
    checkIntegerIn(at, 'backendPort', rule.backendPort, BACKEND_PORT, 'port');
    checkIntegerIn(at, 'idleTimeoutInMinutes', rule.idleTimeoutInMinutes, idleTimeout, 'minutes');
  };
  props.inboundNatRules.forEach((rule, i) => {
    const at = problems.at(`inboundNatRules[${i}]`);
    common(at, rule, NAT_RULE_IDLE_TIMEOUT_MINUTES);
    at.check(vmNames.has(rule.targetVm), 'targetVm', rule.targetVm, `the name of a backend VM (${[...vmNames].join(', ') || 'none'})`);
  });
  props.loadBalancingRules.forEach((rule, i) => {
    const at = problems.at(`loadBalancingRules[${i}]`);
    common(at, rule, IDLE_TIMEOUT_MINUTES);
    const probe = at.at('probe');
    probe.check((PROBE_PROTOCOLS as readonly unknown[]).includes(rule.probe.protocol), 'protocol', rule.probe.protocol, `one of ${PROBE_PROTOCOLS.join(', ')}`);
    checkIntegerIn(probe, 'port', rule.probe.port, BACKEND_PORT, 'port');
    checkIntegerIn(probe, 'intervalInSeconds', rule.probe.intervalInSeconds, PROBE_INTERVAL_SECONDS, 'seconds');
    if (rule.probe.protocol === 'Tcp') {
      probe.check(rule.probe.requestPath === undefined, 'requestPath', rule.probe.requestPath, 'left out for a Tcp probe');
    } else {
      probe.check(typeof rule.probe.requestPath === 'string' && rule.probe.requestPath.startsWith('/'), 'requestPath', rule.probe.requestPath, 'a path starting with "/"');
    }
  });
  checkFrontendPortsUnique(problems, [
    ...props.inboundNatRules.map((rule, i) => ({ prop: `inboundNatRules[${i}]`, protocol: rule.protocol, frontendPort: rule.frontendPort })),
    ...props.loadBalancingRules.map((rule, i) => ({ prop: `loadBalancingRules[${i}]`, protocol: rule.protocol, frontendPort: rule.frontendPort })),
  ]);
}

/** Visibility takes subscription GUIDs or "*" (everyone); auto-approval takes GUIDs that are also visible. */
function checkSubscriptionLists(problems: ProblemList, props: ResolvedProviderSideProps): void {
  const limit = (prop: string, list: string[], max: number) =>
    problems.check(list.length <= max, prop, `${list.length} subscriptions`, `at most ${max} (Azure's limit for a Private Link Service)`);
  limit('visibilitySubscriptionIds', props.visibilitySubscriptionIds, MAX_VISIBILITY_SUBSCRIPTIONS);
  limit('autoApprovalSubscriptionIds', props.autoApprovalSubscriptionIds, MAX_AUTO_APPROVAL_SUBSCRIPTIONS);
  props.visibilitySubscriptionIds.forEach((id, i) =>
    problems.check(isToken(id) || isGuid(id) || id === '*', `visibilitySubscriptionIds[${i}]`, id, 'a subscription GUID or "*"'),
  );
  props.autoApprovalSubscriptionIds.forEach((id, i) => {
    if (isToken(id)) return;
    if (!problems.check(isGuid(id), `autoApprovalSubscriptionIds[${i}]`, id, 'a subscription GUID ("*" is not allowed here)')) return;
    const visible = props.visibilitySubscriptionIds.some((v) => v === '*' || isToken(v) || v.toLowerCase() === id.toLowerCase());
    problems.check(visible, `autoApprovalSubscriptionIds[${i}]`, id, 'also listed in visibilitySubscriptionIds: Azure auto-approves only subscriptions that can see the service');
  });
}

/** The parsed prefix of a subnet setting, when it states a valid one. */
export function subnetCidr(subnet: SubnetSettings): Cidr | undefined {
  return subnet.addressPrefix === undefined ? undefined : parseCidr(subnet.addressPrefix);
}
