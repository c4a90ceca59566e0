/**
 * Defaults of `ConsumerSide`'s props: what each setting left out becomes.
 */
import { DEFAULT_LOCATION } from '../common-settings';
import { defaultAddress } from '../validation/addresses';
import { resolveVmSettings } from '../private-vm/vm-settings-defaults';
import { resolveOperatorAccess } from '../operator-access/operator-access-defaults';
import { resolveOutbound } from '../outbound/outbound-props';
import { resolveObservability } from '../observability/observability-props';
import { ConsumerSideProps, ResolvedConsumerSideProps } from './consumer-side-props';

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
