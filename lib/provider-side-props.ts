/**
 * Props of `ProviderSide` (VNet-B), their defaults, and the checks that run before any resource exists.
 */
import { DEFAULT_LOCATION, SubnetSettings } from './common-settings';
import { Cidr } from './net/ipv4';
import { StaticAddressPlan, defaultAddress, checkAddressSpace, checkSubnetPrefix, checkSubnetsApart } from './validation/addresses';
import { checkLocation, checkTags, isGuid } from './validation/azure-values';
import {
  BACKEND_PORT,
  FRONTEND_PORT,
  IDLE_TIMEOUT_MINUTES,
  LbProtocol,
  checkFrontendPortsUnique,
  checkIntegerIn,
  checkProtocol,
} from './validation/load-balancer';
import { checkName } from './validation/names';
import { ProblemList } from './validation/problems';
import { isToken } from './validation/tokens';
import { ResolvedVmSettings, VmSettings, checkVmSettings, resolveVmSettings } from './vm-settings';

export interface ProviderNetworkSettings {
  /** VNet-B name. @default "vnet-b" */
  readonly name?: string;
  /** VNet-B address space. @default ["10.1.0.0/16"] */
  readonly addressSpace?: string[];
  /** Subnet of the LB frontend and VM-B. @default { name: "snet-backend", addressPrefix: "10.1.0.0/24" } */
  readonly backendSubnet?: SubnetSettings;
  /** Subnet of the PLS NAT IPs; its private-link-service network policies are disabled. @default { name: "snet-private-link", addressPrefix: "10.1.1.0/24" } */
  readonly privateLinkSubnet?: SubnetSettings;
}

/** An inbound NAT rule: a frontend port forwarded to VM-B. */
export interface InboundNatRuleSettings {
  /** Rule name. */
  readonly name: string;
  /** "Tcp" or "Udp". @default "Tcp" */
  readonly protocol?: LbProtocol;
  /** Port on the LB frontend, which the private endpoint exposes to VM-A. */
  readonly frontendPort: number;
  /** Port on VM-B. @default - the frontend port */
  readonly backendPort?: number;
  /** TCP idle timeout in minutes. @default 4 */
  readonly idleTimeoutInMinutes?: number;
}

/** One NAT IP configuration of the Private Link Service: the source address VM-B sees. */
export interface NatIpSettings {
  /** Configuration name. @default "nat-ip-<n>" */
  readonly name?: string;
  /** Static IP in the private-link subnet, or "Dynamic". */
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
}

export interface ProviderSideProps {
  /** Resource group of every resource of this side (it must exist or be created in the same stack). */
  readonly resourceGroupName: string;
  /** Azure region. @default "japaneast" */
  readonly location?: string;
  /** VNet-B and its subnets. @default - 10.1.0.0/16 with snet-backend 10.1.0.0/24 and snet-private-link 10.1.1.0/24 */
  readonly network?: ProviderNetworkSettings;
  /** Static private IP of the internal LB frontend, in the backend subnet. @default - the backend subnet's x.x.x.4 */
  readonly frontendIp?: string;
  /** Ports forwarded to VM-B. @default - [{ name: "RDP", protocol: "Tcp", frontendPort: 3389, backendPort: 3389 }] */
  readonly inboundNatRules?: InboundNatRuleSettings[];
  /** PLS NAT IPs (1 to 8). @default - one primary static IP, the private-link subnet's x.x.x.4 */
  readonly natIps?: NatIpSettings[];
  /** VM-B. @default - "vm-b", Windows Server 2019, Standard_B2s, the backend subnet's x.x.x.5 */
  readonly backendVm?: VmSettings;
  /** Subscriptions that may find the PLS by alias. @default - none: only callers with RBAC on it */
  readonly visibilitySubscriptionIds?: string[];
  /** Subscriptions whose endpoints are approved without a human; each must also be visible. @default - none */
  readonly autoApprovalSubscriptionIds?: string[];
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
    readonly backendSubnet: Required<SubnetSettings>;
    readonly privateLinkSubnet: Required<SubnetSettings>;
  };
  readonly frontendIp: string;
  readonly inboundNatRules: ResolvedNatRule[];
  readonly natIps: ResolvedNatIp[];
  readonly backendVm: ResolvedVmSettings;
  readonly visibilitySubscriptionIds: string[];
  readonly autoApprovalSubscriptionIds: string[];
  readonly names: Required<ProviderSideNames>;
  readonly tags: Record<string, string>;
}

/** The article's service: RDP to VM-B. */
export const RDP_NAT_RULE: InboundNatRuleSettings = { name: 'RDP', protocol: 'Tcp', frontendPort: 3389, backendPort: 3389 };


export function resolveProviderSideProps(props: ProviderSideProps): ResolvedProviderSideProps {
  const backendSubnet = { name: 'snet-backend', addressPrefix: '10.1.0.0/24', ...props.network?.backendSubnet };
  const privateLinkSubnet = { name: 'snet-private-link', addressPrefix: '10.1.1.0/24', ...props.network?.privateLinkSubnet };
  const natIps = props.natIps ?? [{}];
  return {
    resourceGroupName: props.resourceGroupName,
    location: props.location ?? DEFAULT_LOCATION,
    network: {
      name: props.network?.name ?? 'vnet-b',
      addressSpace: props.network?.addressSpace ?? ['10.1.0.0/16'],
      backendSubnet,
      privateLinkSubnet,
    },
    frontendIp: props.frontendIp ?? defaultAddress(backendSubnet.addressPrefix, 4),
    inboundNatRules: (props.inboundNatRules ?? [RDP_NAT_RULE]).map((rule) => ({
      name: rule.name,
      protocol: rule.protocol ?? 'Tcp',
      frontendPort: rule.frontendPort,
      backendPort: rule.backendPort ?? rule.frontendPort,
      idleTimeoutInMinutes: rule.idleTimeoutInMinutes ?? 4,
    })),
    natIps: natIps.map((natIp, i) => ({
      name: natIp.name ?? `nat-ip-${i + 1}`,
      privateIp: natIp.privateIp ?? defaultAddress(privateLinkSubnet.addressPrefix, 4 + i),
      primary: natIp.primary ?? i === 0,
    })),
    backendVm: resolveVmSettings(props.backendVm, { name: 'vm-b', privateIp: defaultAddress(backendSubnet.addressPrefix, 5) }),
    visibilitySubscriptionIds: props.visibilitySubscriptionIds ?? [],
    autoApprovalSubscriptionIds: props.autoApprovalSubscriptionIds ?? [],
    names: {
      loadBalancer: 'lb-b',
      frontendIpConfiguration: 'frontend',
      backendPool: 'backend-pool',
      privateLinkService: 'pls-b',
      backendNetworkSecurityGroup: 'nsg-backend',
      ...props.names,
    },
    tags: props.tags ?? {},
  };
}

/** A PLS takes one to eight NAT IP configurations. https://learn.microsoft.com/azure/private-link/private-link-service-overview#limitations */
export const MAX_NAT_IPS = 8;

/** Records every problem of resolved provider-side props. */
export function checkProviderSideProps(problems: ProblemList, props: ResolvedProviderSideProps): void {
  checkName(problems, 'resourceGroupName', props.resourceGroupName, 'resourceGroup');
  checkLocation(problems, 'location', props.location);
  checkTags(problems, 'tags', props.tags);

  const net = props.network;
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
    'a name other than the backend subnet\'s',
  );

  const plan = new StaticAddressPlan(problems);
  // A PLS needs a static frontend: a dynamic one could move and strand every consumer.
  plan.check('frontendIp', props.frontendIp, backend, 'network.backendSubnet');
  plan.check('backendVm.privateIp', props.backendVm.privateIp, backend, 'network.backendSubnet', true);

  checkNatIps(problems, props.natIps, plan, privateLink);
  checkNatRules(problems, props.inboundNatRules);
  checkVmSettings(problems.at('backendVm'), props.backendVm);
  checkSubscriptionLists(problems, props);

  for (const [key, value] of Object.entries(props.names)) {
    const kind = key === 'loadBalancer' ? 'loadBalancer'
      : key === 'privateLinkService' ? 'privateLinkService'
      : key === 'backendNetworkSecurityGroup' ? 'networkSecurityGroup'
      : 'loadBalancerChild';
    checkName(problems, `names.${key}`, value, kind);
  }
}

function checkNatIps(problems: ProblemList, natIps: ResolvedNatIp[], plan: StaticAddressPlan, subnet: Cidr | undefined): void {
  if (!problems.check(natIps.length >= 1 && natIps.length <= MAX_NAT_IPS, 'natIps', `${natIps.length} entries`, `1 to ${MAX_NAT_IPS} NAT IP configurations`)) {
    return;
  }
  const primaries = natIps.filter((n) => n.primary === true).length;
  problems.check(primaries === 1, 'natIps', `${primaries} primary`, 'a list with exactly one primary NAT IP');
  const names = new Set<string>();
  natIps.forEach((natIp, i) => {
    checkName(problems, `natIps[${i}].name`, natIp.name, 'ipConfiguration');
    problems.check(!names.has(natIp.name), `natIps[${i}].name`, natIp.name, 'a name used by no other NAT IP');
    names.add(natIp.name);
    plan.check(`natIps[${i}].privateIp`, natIp.privateIp, subnet, 'network.privateLinkSubnet', true);
  });
}

function checkNatRules(problems: ProblemList, rules: ResolvedNatRule[]): void {
  problems.check(rules.length >= 1, 'inboundNatRules', rules, 'at least one rule: without one nothing reaches VM-B');
  const names = new Set<string>();
  rules.forEach((rule, i) => {
    const at = problems.at(`inboundNatRules[${i}]`);
    checkName(at, 'name', rule.name, 'loadBalancerChild');
    // The backend NSG rule for it is "allow-<name>-from-pls-nat", and NSG rule names stop at 80.
    at.check(typeof rule.name !== 'string' || rule.name.length <= 60, 'name', rule.name, 'at most 60 characters, so that its NSG rule name fits in 80');
    at.check(!names.has(rule.name), 'name', rule.name, 'a name used by no other rule');
    names.add(rule.name);
    checkProtocol(at, 'protocol', rule.protocol);
    checkIntegerIn(at, 'frontendPort', rule.frontendPort, FRONTEND_PORT, 'port');
    checkIntegerIn(at, 'backendPort', rule.backendPort, BACKEND_PORT, 'port');
    checkIntegerIn(at, 'idleTimeoutInMinutes', rule.idleTimeoutInMinutes, IDLE_TIMEOUT_MINUTES, 'minutes');
  });
  checkFrontendPortsUnique(
    problems,
    rules.map((rule, i) => ({ prop: `inboundNatRules[${i}]`, protocol: rule.protocol, frontendPort: rule.frontendPort })),
  );
}

/** Visibility takes subscription GUIDs or "*" (everyone); auto-approval takes GUIDs that are also visible. */
function checkSubscriptionLists(problems: ProblemList, props: ResolvedProviderSideProps): void {
  props.visibilitySubscriptionIds.forEach((id, i) =>
    problems.check(isToken(id) || isGuid(id) || id === '*', `visibilitySubscriptionIds[${i}]`, id, 'a subscription GUID or "*"'),
  );
  props.autoApprovalSubscriptionIds.forEach((id, i) => {
    if (isToken(id)) return;
    if (!problems.check(isGuid(id), `autoApprovalSubscriptionIds[${i}]`, id, 'a subscription GUID ("*" is not allowed here)')) return;
    const visible = props.visibilitySubscriptionIds.some((v) => v === '*' || v.toLowerCase() === id.toLowerCase() || isToken(v));
    problems.check(visible, `autoApprovalSubscriptionIds[${i}]`, id, 'also listed in visibilitySubscriptionIds: Azure auto-approves only subscriptions that can see the service');
  });
}
