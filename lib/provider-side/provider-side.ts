import { Lb } from '@cdktf/provider-azurerm/lib/lb';
import { LbBackendAddressPool } from '@cdktf/provider-azurerm/lib/lb-backend-address-pool';
import { LbNatRule } from '@cdktf/provider-azurerm/lib/lb-nat-rule';
import { LbProbe } from '@cdktf/provider-azurerm/lib/lb-probe';
import { LbRule } from '@cdktf/provider-azurerm/lib/lb-rule';
import { ManagementLock } from '@cdktf/provider-azurerm/lib/management-lock';
import { NetworkInterfaceBackendAddressPoolAssociation } from '@cdktf/provider-azurerm/lib/network-interface-backend-address-pool-association';
import { NetworkInterfaceNatRuleAssociation } from '@cdktf/provider-azurerm/lib/network-interface-nat-rule-association';
import { PrivateLinkService } from '@cdktf/provider-azurerm/lib/private-link-service';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { Construct } from 'constructs';
import { tagsOrNone } from '../common-settings';
import { NetworkSecurity, SecurityRuleSpec } from '../network-security/network-security';
import { PrivateVm } from '../private-vm/private-vm';
import { OperatorAccess } from '../operator-access/operator-access';
import { operatorAllowRules } from '../operator-access/operator-allow-rules';
import { virtualNetworkIdOfSubnet } from '../net/subnet-id';
import { checkProviderSideProps } from './provider-side-checks';
import { resolveProviderSideProps, usesExistingNetwork } from './provider-side-defaults';
import { ProviderSideProps, ResolvedProviderSideProps } from './provider-side-props';
import { DYNAMIC } from '../validation/addresses';
import { ProblemList } from '../validation/problems';
import { NatGatewayOutbound } from '../outbound/nat-gateway-outbound';
import { DiagnosticTarget, SideObservability } from '../observability/side-observability';
import { operatorAccessTargets } from '../observability/operator-access-targets';
import { providerPathAlerts } from '../observability/path-alerts';

/**
 * VNet-B of the double NAT: an internal Standard load balancer with a static frontend, backend VMs
 * behind inbound NAT and load-balancing rules, and a Private Link Service on that frontend whose NAT
 * IPs are VNet-B addresses. Traffic from any private endpoint reaches the VMs with a NAT IP as its
 * source: that is the SNAT.
 */
export class ProviderSide extends Construct {
  /** The props after defaults, as synthesized. */
  public readonly settings: ResolvedProviderSideProps;
  /** VNet-B, when this side created it (not with existing subnets). */
  public readonly virtualNetwork?: VirtualNetwork;
  /** The subnet ids in use, created or existing. */
  public readonly backendSubnetId?: string;
  public readonly privateLinkSubnetId: string;
  /** The load balancer, when this side created it (not with an existing frontend). */
  public readonly loadBalancer?: Lb;
  public readonly backendPool?: LbBackendAddressPool;
  public readonly inboundNatRules: LbNatRule[] = [];
  public readonly loadBalancingRules: LbRule[] = [];
  public readonly backendVms: PrivateVm[];
  public readonly privateLinkService: PrivateLinkService;
  /** The NSG in front of the backend VMs, when this side created them. */
  public readonly backendSecurity?: NetworkSecurity;
  /** The NSG of the private-link subnet, when this side created that subnet. */
  public readonly privateLinkSecurity?: NetworkSecurity;
  /** The alias consumers connect to; it works across subscriptions and tenants. */
  public readonly privateLinkServiceAlias: string;
  public readonly privateLinkServiceId: string;
  /** The frontend IP of the load balancer ("Dynamic" when an existing frontend's address was not given). */
  public readonly frontendIp: string;
  /** NAT IPs as configured: static addresses, or tokens for dynamic ones. */
  public readonly natIps: string[];
  /** Backend VMs' private IPs, in order. */
  public readonly backendVmIps: string[];
  /** Azure Bastion in VNet-B, when `operatorAccess` is set. */
  public readonly operatorAccess?: OperatorAccess;
  /** The NAT gateway of the backend subnet, when `outbound` asks for one. */
  public readonly outbound?: NatGatewayOutbound;
  /** Diagnostic settings, flow logs and alerts, when `observability` is set. */
  public readonly observability?: SideObservability;

  constructor(scope: Construct, id: string, props: ProviderSideProps) {
    super(scope, id);
    const settings = resolveProviderSideProps(props);
    const problems = new ProblemList(this.node.path);
    checkProviderSideProps(problems, settings);
    problems.throwIfAny();
    this.settings = settings;

    const { resourceGroupName, location, names, network } = settings;
    const common = { resourceGroupName, location };
    const tags = tagsOrNone(settings.tags);

    let createdBackendSubnet: string | undefined;
    if (usesExistingNetwork(settings)) {
      this.backendSubnetId = network.backendSubnet.id;
      this.privateLinkSubnetId = network.privateLinkSubnet.id as string;
    } else {
      this.virtualNetwork = new VirtualNetwork(this, 'vnet', { ...common, name: network.name, addressSpace: network.addressSpace, tags });
      const backendSubnet = new Subnet(this, 'backend-subnet', {
        resourceGroupName,
        virtualNetworkName: this.virtualNetwork.name,
        name: network.backendSubnet.name,
        addressPrefixes: [network.backendSubnet.addressPrefix as string],
        // Private subnet: outbound only by the method `outbound` names (see docs/outbound-and-observability.md).
        defaultOutboundAccessEnabled: false,
      });
      // A PLS may only take NAT IPs from a subnet whose private-link-service network policies are off.
      // https://learn.microsoft.com/azure/private-link/disable-private-link-service-network-policy
      const privateLinkSubnet = new Subnet(this, 'private-link-subnet', {
        resourceGroupName,
        virtualNetworkName: this.virtualNetwork.name,
        name: network.privateLinkSubnet.name,
        addressPrefixes: [network.privateLinkSubnet.addressPrefix as string],
        privateLinkServiceNetworkPoliciesEnabled: false,
        defaultOutboundAccessEnabled: false,
      });
      this.backendSubnetId = createdBackendSubnet = backendSubnet.id;
      this.privateLinkSubnetId = privateLinkSubnet.id;
      // Every subnet we create gets an NSG (checkov CKV2_AZURE_31). It denies all inbound: nothing of
      // ours lives in this subnet but the PLS NAT IPs, and NSG rules do not apply to those while the
      // subnet's private-link-service network policies are off; anything added later is covered.
      // https://learn.microsoft.com/azure/private-link/disable-private-link-service-network-policy
      this.privateLinkSecurity = new NetworkSecurity(this, 'private-link-security', {
        ...common,
        name: names.privateLinkNetworkSecurityGroup,
        attachTo: { subnetId: privateLinkSubnet.id },
        allowInbound: [],
        tags,
      });
    }

    this.backendVms = settings.backendVms.map(
      (vm, i) =>
        new PrivateVm(this, i === 0 ? 'backend-vm' : `backend-vm-${i + 1}`, {
          ...common,
          subnetId: this.backendSubnetId as string,
          settings: vm,
          outputBaseName: vm.name.replace(/[^A-Za-z0-9]/g, '_'),
          tags,
        }),
    );
    this.backendVmIps = this.backendVms.map((vm) => vm.privateIp);
    if (settings.outbound.natGateway && createdBackendSubnet) {
      this.outbound = new NatGatewayOutbound(this, 'outbound', { ...common, settings: settings.outbound.natGateway, subnetIds: [createdBackendSubnet], tags });
    }

    let frontendIpConfigurationId: string;
    if (settings.existingFrontend) {
      frontendIpConfigurationId = settings.existingFrontend.frontendIpConfigurationId;
    } else {
      const { loadBalancer, backendPool } = this.createLoadBalancer(settings, tags);
      this.loadBalancer = loadBalancer;
      this.backendPool = backendPool;
      frontendIpConfigurationId = loadBalancer.frontendIpConfiguration.get(0).id;
    }
    this.frontendIp = settings.frontendIp;

    this.privateLinkService = new PrivateLinkService(this, 'private-link-service', {
      ...common,
      name: names.privateLinkService,
      loadBalancerFrontendIpConfigurationIds: [frontendIpConfigurationId],
      natIpConfiguration: settings.natIps.map((natIp) => ({
        name: natIp.name,
        subnetId: this.privateLinkSubnetId,
        primary: natIp.primary,
        privateIpAddressVersion: 'IPv4',
        privateIpAddress: natIp.privateIp === DYNAMIC ? undefined : natIp.privateIp,
      })),
      visibilitySubscriptionIds: settings.visibilitySubscriptionIds,
      autoApprovalSubscriptionIds: settings.autoApprovalSubscriptionIds,
      enableProxyProtocol: settings.proxyProtocol || undefined,
      fqdns: settings.fqdns.length > 0 ? settings.fqdns : undefined,
      tags,
    });
    this.privateLinkServiceAlias = this.privateLinkService.alias;
    this.privateLinkServiceId = this.privateLinkService.id;
    this.natIps = settings.natIps.map((natIp, i) =>
      natIp.privateIp === DYNAMIC ? this.privateLinkService.natIpConfiguration.get(i).privateIpAddress : natIp.privateIp,
    );

    if (settings.deleteLock) {
      new ManagementLock(this, 'delete-lock', {
        name: names.deleteLock,
        scope: this.privateLinkService.id,
        lockLevel: 'CanNotDelete',
        notes: 'Deleting this Private Link Service disconnects every consumer.',
      });
    }

    if (settings.operatorAccess) {
      const anySubnetId = network.backendSubnet.id ?? (network.privateLinkSubnet.id as string);
      this.operatorAccess = new OperatorAccess(this, 'operator-access', {
        ...common,
        settings: settings.operatorAccess,
        virtualNetworkId: this.virtualNetwork?.id ?? virtualNetworkIdOfSubnet(anySubnetId),
        virtualNetworkName: this.virtualNetwork?.name,
        tags,
      });
    }

    if (this.backendVms.length > 0) {
      this.backendSecurity = new NetworkSecurity(this, 'backend-security', {
        ...common,
        name: names.backendNetworkSecurityGroup,
        // Our own subnet gets the NSG; someone else's subnet is left alone and our NICs get it instead.
        attachTo: createdBackendSubnet
          ? { subnetId: createdBackendSubnet }
          : { networkInterfaceIds: this.backendVms.map((vm) => vm.networkInterface.id) },
        allowInbound: this.backendAllowRules(settings),
        allowLoadBalancerProbe: settings.loadBalancingRules.length > 0,
        tags,
      });
    }

    if (settings.observability) {
      const targets: DiagnosticTarget[] = [];
      if (this.loadBalancer) targets.push({ key: 'load-balancer', kind: 'loadBalancer', resourceId: this.loadBalancer.id });
      if (this.backendSecurity) targets.push({ key: 'backend-nsg', kind: 'networkSecurityGroup', resourceId: this.backendSecurity.networkSecurityGroup.id });
      if (this.privateLinkSecurity) targets.push({ key: 'private-link-nsg', kind: 'networkSecurityGroup', resourceId: this.privateLinkSecurity.networkSecurityGroup.id });
      targets.push({ key: 'private-link-service', kind: 'privateLinkService', resourceId: this.privateLinkService.id });
      targets.push(...operatorAccessTargets(this.operatorAccess));
      this.observability = new SideObservability(this, 'observability', {
        ...common,
        settings: settings.observability,
        targets,
        virtualNetwork: this.virtualNetwork && { id: this.virtualNetwork.id, name: network.name },
        alerts: providerPathAlerts({
          loadBalancer: this.loadBalancer && { id: this.loadBalancer.id, name: names.loadBalancer, probed: settings.loadBalancingRules.length > 0 },
          privateLinkService: { id: this.privateLinkService.id, name: names.privateLinkService },
        }),
        tags,
      });
    }
  }

  private createLoadBalancer(
    settings: ResolvedProviderSideProps,
    tags: Record<string, string> | undefined,
  ): { loadBalancer: Lb; backendPool: LbBackendAddressPool } {
    const { resourceGroupName, location, names } = settings;
    // Private Link Service requires a Standard load balancer; internal, so no public IP exists.
    const loadBalancer = new Lb(this, 'lb', {
      resourceGroupName,
      location,
      name: names.loadBalancer,
      sku: 'Standard',
      frontendIpConfiguration: [
        {
          name: names.frontendIpConfiguration,
          subnetId: this.backendSubnetId,
          privateIpAddressAllocation: 'Static',
          privateIpAddress: settings.frontendIp,
          privateIpAddressVersion: 'IPv4',
        },
      ],
      tags,
    });
    const backendPool = new LbBackendAddressPool(this, 'backend-pool', { name: names.backendPool, loadbalancerId: loadBalancer.id });
    this.backendVms.forEach((vm, i) => {
      new NetworkInterfaceBackendAddressPoolAssociation(this, i === 0 ? 'backend-pool-association' : `backend-pool-association-${i + 1}`, {
        networkInterfaceId: vm.networkInterface.id,
        ipConfigurationName: vm.ipConfigurationName,
        backendAddressPoolId: backendPool.id,
      });
    });

    // What NAT and load-balancing rules share: the frontend, ports, protocol and idle timeout.
    const ruleBase = (rule: { name: string; protocol: string; frontendPort: number; backendPort: number; idleTimeoutInMinutes: number }) => ({
      loadbalancerId: loadBalancer.id,
      name: rule.name,
      protocol: rule.protocol,
      frontendPort: rule.frontendPort,
      backendPort: rule.backendPort,
      frontendIpConfigurationName: names.frontendIpConfiguration,
      idleTimeoutInMinutes: rule.idleTimeoutInMinutes,
    });
    for (const rule of settings.inboundNatRules) {
      const target = this.backendVms[settings.backendVms.findIndex((vm) => vm.name === rule.targetVm)];
      const natRule = new LbNatRule(this, `nat-rule-${rule.name}`, { ...ruleBase(rule), resourceGroupName });
      new NetworkInterfaceNatRuleAssociation(this, `nat-rule-${rule.name}-association`, {
        networkInterfaceId: target.networkInterface.id,
        ipConfigurationName: target.ipConfigurationName,
        natRuleId: natRule.id,
      });
      this.inboundNatRules.push(natRule);
    }
    for (const rule of settings.loadBalancingRules) {
      const probe = new LbProbe(this, `probe-${rule.name}`, {
        loadbalancerId: loadBalancer.id,
        name: `probe-${rule.name}`,
        protocol: rule.probe.protocol,
        port: rule.probe.port,
        requestPath: rule.probe.requestPath,
        intervalInSeconds: rule.probe.intervalInSeconds,
      });
      this.loadBalancingRules.push(
        new LbRule(this, `lb-rule-${rule.name}`, { ...ruleBase(rule), backendAddressPoolIds: [backendPool.id], probeId: probe.id }),
      );
    }
    return { loadBalancer, backendPool };
  }

  /** The backend VMs only ever see the NAT IPs as peers: allow each rule's port from them and nothing else. */
  private backendAllowRules(settings: ResolvedProviderSideProps): SecurityRuleSpec[] {
    const natSources = natSourcePrefixes(settings);
    const vmAddress = (name: string) => {
      const vm = settings.backendVms.find((v) => v.name === name);
      return vm && vm.privateIp !== DYNAMIC ? vm.privateIp : (settings.network.backendSubnet.addressPrefix ?? 'VirtualNetwork');
    };
    const unique = (values: string[]) => [...new Set(values)];
    const allow = (rule: { name: string; protocol: 'Tcp' | 'Udp'; backendPort: number }, destinations: string[]): SecurityRuleSpec => ({
      name: `allow-${rule.name}-from-pls-nat`,
      protocol: rule.protocol,
      sourceAddressPrefixes: natSources,
      destinationAddressPrefixes: unique(destinations),
      destinationPortRange: String(rule.backendPort),
    });
    return [
      ...settings.inboundNatRules.map((rule) => allow(rule, [vmAddress(rule.targetVm)])),
      ...settings.loadBalancingRules.map((rule) => allow(rule, settings.backendVms.map((vm) => vmAddress(vm.name)))),
      // The operator's Bastion, on each VM's admin port only (DN003 admits exactly this).
      ...operatorAllowRules(settings.operatorAccess, settings.backendVms.map((vm) => ({ os: vm.os, destination: vmAddress(vm.name) }))),
    ];
  }
}

/** The sources VM-B can see: the static NAT IPs, or the whole private-link subnet when one is dynamic. */
export function natSourcePrefixes(settings: ResolvedProviderSideProps): string[] {
  const dynamic = settings.natIps.some((n) => n.privateIp === DYNAMIC);
  if (!dynamic) return settings.natIps.map((n) => `${n.privateIp}/32`);
  // An existing subnet whose prefix was not given: the VNet is the narrowest known bound.
  return [settings.network.privateLinkSubnet.addressPrefix ?? 'VirtualNetwork'];
}
