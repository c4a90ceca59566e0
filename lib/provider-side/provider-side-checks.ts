/**
 * Checks of `ProviderSide`'s resolved props, run before any resource exists.
 */
import { SubnetSettings, checkSubnetId } from '../common-settings';
import { Cidr, parseCidr } from '../net/ipv4';
import { DYNAMIC, StaticAddressPlan, checkAddressSpace, checkSubnetPrefix, checkSubnetsApart } from '../validation/addresses';
import { checkLocation, checkTags, isGuid } from '../validation/azure-values';
import {
  BACKEND_PORT,
  FRONTEND_PORT,
  IDLE_TIMEOUT_MINUTES,
  NAT_RULE_IDLE_TIMEOUT_MINUTES,
  PROBE_INTERVAL_SECONDS,
  PROBE_PROTOCOLS,
  checkFrontendPortsUnique,
  checkIntegerIn,
  checkProtocol,
} from '../validation/load-balancer';
import { MAX_AUTO_APPROVAL_SUBSCRIPTIONS, MAX_NAT_IPS, MAX_VISIBILITY_SUBSCRIPTIONS } from '../validation/azure-limits';
import { checkName } from '../validation/names';
import { ProblemList } from '../validation/problems';
import { isToken } from '../validation/tokens';
import { checkVmSettings } from '../private-vm/vm-settings-checks';
import { checkOperatorAccess } from '../operator-access/operator-access-checks';
import { checkOutbound } from '../outbound/outbound-props';
import { checkObservability } from '../observability/observability-props';
import { usesExistingNetwork } from './provider-side-defaults';
import { checkProviderSideLimits } from './provider-side-limits';
import { ExistingFrontendSettings, ProviderSideNames, ResolvedLoadBalancingRule, ResolvedNatIp, ResolvedNatRule, ResolvedProviderSideProps } from './provider-side-props';

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
