/**
 * Defaults of `ProviderSide`'s props: what each setting left out becomes.
 */
import { DEFAULT_LOCATION, SubnetSettings } from '../common-settings';
import { defaultAddress } from '../validation/addresses';
import { resolveVmSettings } from '../private-vm/vm-settings-defaults';
import { resolveOperatorAccess } from '../operator-access/operator-access-defaults';
import { resolveOutbound } from '../outbound/outbound-props';
import { resolveObservability } from '../observability/observability-props';
import { InboundNatRuleSettings, ProviderSideProps, ResolvedProviderSideProps } from './provider-side-props';

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
