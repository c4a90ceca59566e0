import { Lb } from '@cdktf/provider-azurerm/lib/lb';
import { LbBackendAddressPool } from '@cdktf/provider-azurerm/lib/lb-backend-address-pool';
import { LbNatRule } from '@cdktf/provider-azurerm/lib/lb-nat-rule';
import { NetworkInterfaceBackendAddressPoolAssociation } from '@cdktf/provider-azurerm/lib/network-interface-backend-address-pool-association';
import { NetworkInterfaceNatRuleAssociation } from '@cdktf/provider-azurerm/lib/network-interface-nat-rule-association';
import { PrivateLinkService } from '@cdktf/provider-azurerm/lib/private-link-service';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { Construct } from 'constructs';
import { tagsOrNone } from './common-settings';
import { SubnetSecurity, SecurityRuleSpec } from './subnet-security';
import { DYNAMIC } from './validation/addresses';
import { ProblemList } from './validation/problems';
import { ProviderSideProps, ResolvedProviderSideProps, checkProviderSideProps, resolveProviderSideProps } from './provider-side-props';
import { WindowsVm } from './windows-vm';

/**
 * VNet-B of the double NAT: an internal Standard load balancer with a static frontend, VM-B behind an
 * inbound NAT rule, and a Private Link Service on that frontend whose NAT IPs are VNet-B addresses.
 * Traffic from any private endpoint reaches VM-B with a NAT IP as its source: that is the SNAT.
 */
export class ProviderSide extends Construct {
  /** The props after defaults, as synthesized. */
  public readonly settings: ResolvedProviderSideProps;
  public readonly virtualNetwork: VirtualNetwork;
  public readonly backendSubnet: Subnet;
  public readonly privateLinkSubnet: Subnet;
  public readonly loadBalancer: Lb;
  public readonly backendPool: LbBackendAddressPool;
  public readonly inboundNatRules: LbNatRule[];
  public readonly backendVm: WindowsVm;
  public readonly privateLinkService: PrivateLinkService;
  /** The alias consumers connect to; it works across subscriptions and tenants. */
  public readonly privateLinkServiceAlias: string;
  public readonly privateLinkServiceId: string;
  /** The static frontend IP of the load balancer. */
  public readonly frontendIp: string;
  /** NAT IPs as configured: static addresses, or tokens for dynamic ones. */
  public readonly natIps: string[];
  /** VM-B's private IP. */
  public readonly backendVmIp: string;

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

    this.virtualNetwork = new VirtualNetwork(this, 'vnet', {
      ...common,
      name: network.name,
      addressSpace: network.addressSpace,
      tags,
    });
    this.backendSubnet = new Subnet(this, 'backend-subnet', {
      resourceGroupName,
      virtualNetworkName: this.virtualNetwork.name,
      name: network.backendSubnet.name,
      addressPrefixes: [network.backendSubnet.addressPrefix],
    });
    // A PLS may only take NAT IPs from a subnet whose private-link-service network policies are off.
    // https://learn.microsoft.com/azure/private-link/disable-private-link-service-network-policy
    this.privateLinkSubnet = new Subnet(this, 'private-link-subnet', {
      resourceGroupName,
      virtualNetworkName: this.virtualNetwork.name,
      name: network.privateLinkSubnet.name,
      addressPrefixes: [network.privateLinkSubnet.addressPrefix],
      privateLinkServiceNetworkPoliciesEnabled: false,
    });

    // Private Link Service requires a Standard load balancer; internal, so no public IP exists.
    this.loadBalancer = new Lb(this, 'lb', {
      ...common,
      name: names.loadBalancer,
      sku: 'Standard',
      frontendIpConfiguration: [
        {
          name: names.frontendIpConfiguration,
          subnetId: this.backendSubnet.id,
          privateIpAddressAllocation: 'Static',
          privateIpAddress: settings.frontendIp,
          privateIpAddressVersion: 'IPv4',
        },
      ],
      tags,
    });
    this.frontendIp = settings.frontendIp;

    this.backendPool = new LbBackendAddressPool(this, 'backend-pool', {
      name: names.backendPool,
      loadbalancerId: this.loadBalancer.id,
    });

    this.backendVm = new WindowsVm(this, 'backend-vm', {
      ...common,
      subnetId: this.backendSubnet.id,
      settings: settings.backendVm,
      outputBaseName: 'vm_b',
      tags,
    });
    this.backendVmIp = this.backendVm.privateIp;

    new NetworkInterfaceBackendAddressPoolAssociation(this, 'backend-pool-association', {
      networkInterfaceId: this.backendVm.networkInterface.id,
      ipConfigurationName: this.backendVm.ipConfigurationName,
      backendAddressPoolId: this.backendPool.id,
    });

    this.inboundNatRules = settings.inboundNatRules.map((rule) => {
      const natRule = new LbNatRule(this, `nat-rule-${rule.name}`, {
        resourceGroupName,
        loadbalancerId: this.loadBalancer.id,
        name: rule.name,
        protocol: rule.protocol,
        frontendPort: rule.frontendPort,
        backendPort: rule.backendPort,
        frontendIpConfigurationName: names.frontendIpConfiguration,
        idleTimeoutInMinutes: rule.idleTimeoutInMinutes,
      });
      new NetworkInterfaceNatRuleAssociation(this, `nat-rule-${rule.name}-association`, {
        networkInterfaceId: this.backendVm.networkInterface.id,
        ipConfigurationName: this.backendVm.ipConfigurationName,
        natRuleId: natRule.id,
      });
      return natRule;
    });

    this.privateLinkService = new PrivateLinkService(this, 'private-link-service', {
      ...common,
      name: names.privateLinkService,
      loadBalancerFrontendIpConfigurationIds: [this.loadBalancer.frontendIpConfiguration.get(0).id],
      natIpConfiguration: settings.natIps.map((natIp) => ({
        name: natIp.name,
        subnetId: this.privateLinkSubnet.id,
        primary: natIp.primary,
        privateIpAddressVersion: 'IPv4',
        privateIpAddress: natIp.privateIp === DYNAMIC ? undefined : natIp.privateIp,
      })),
      visibilitySubscriptionIds: settings.visibilitySubscriptionIds,
      autoApprovalSubscriptionIds: settings.autoApprovalSubscriptionIds,
      tags,
    });
    this.privateLinkServiceAlias = this.privateLinkService.alias;
    this.privateLinkServiceId = this.privateLinkService.id;
    this.natIps = settings.natIps.map((natIp, i) =>
      natIp.privateIp === DYNAMIC ? this.privateLinkService.natIpConfiguration.get(i).privateIpAddress : natIp.privateIp,
    );

    // VM-B only ever sees the NAT IPs as peers: allow the service ports from them and nothing else.
    const natSources = settings.natIps.some((n) => n.privateIp === DYNAMIC)
      ? [network.privateLinkSubnet.addressPrefix]
      : settings.natIps.map((n) => `${n.privateIp}/32`);
    const vmDestination = settings.backendVm.privateIp === DYNAMIC ? network.backendSubnet.addressPrefix : settings.backendVm.privateIp;
    const allowRules: SecurityRuleSpec[] = settings.inboundNatRules.map((rule) => ({
      name: `allow-${rule.name}-from-pls-nat`,
      protocol: rule.protocol,
      sourceAddressPrefixes: natSources,
      destinationAddressPrefix: vmDestination,
      destinationPortRange: String(rule.backendPort),
    }));
    new SubnetSecurity(this, 'backend-security', {
      ...common,
      name: names.backendNetworkSecurityGroup,
      subnetId: this.backendSubnet.id,
      allowInbound: allowRules,
      allowLoadBalancerProbe: true,
      tags,
    });
  }
}
