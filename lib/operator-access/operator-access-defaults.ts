/**
 * Defaults of `OperatorAccess`'s settings: what each setting left out becomes.
 */
import { formatIpv4, lastAddress, parseCidr } from '../net/ipv4';
import { BASTION_SUBNET_MAX_PREFIX, OperatorAccessSettings, ResolvedOperatorAccess } from './operator-access-props';

/** The last /26 of a block: out of the way of subnets numbered from the start. */
function defaultBastionPrefix(addressSpace: string[] | undefined): string | undefined {
  const block = parseCidr(addressSpace?.[0] as string);
  if (!block || block.prefixLength > BASTION_SUBNET_MAX_PREFIX) return undefined;
  return `${formatIpv4(lastAddress(block) + 1 - 2 ** (32 - BASTION_SUBNET_MAX_PREFIX))}/${BASTION_SUBNET_MAX_PREFIX}`;
}

/** Defaults of operator access; undefined when it is not asked for. */
export function resolveOperatorAccess(
  settings: OperatorAccessSettings | undefined,
  network: { name: string; addressSpace?: string[]; existing: boolean },
): ResolvedOperatorAccess | undefined {
  if (settings === undefined) return undefined;
  const sku = settings.sku ?? 'Developer';
  const name = settings.name ?? `bastion-${network.name}`;
  const dedicated = sku !== 'Developer';
  const defaultPrefix = network.existing ? undefined : defaultBastionPrefix(network.addressSpace);
  return {
    sku,
    name,
    subnet: dedicated ? { ...(settings.subnet?.id ? {} : { addressPrefix: defaultPrefix }), ...settings.subnet } : settings.subnet,
    publicIpName: settings.publicIpName ?? `${name}-pip`,
    networkSecurityGroupName: settings.networkSecurityGroupName ?? `${name}-nsg`,
    nativeClient: settings.nativeClient ?? false,
  };
}
