/** Settings shared by both sides. */
import { ProblemList } from './validation/problems';
import { isToken } from './validation/tokens';

export { DEFAULT_LOCATION } from './default-location';

export interface SubnetSettings {
  /** Subnet name (a subnet this side creates). */
  readonly name?: string;
  /** Address prefix, a CIDR block inside the VNet. For an existing subnet, optional: given, it lets synth check static IPs. */
  readonly addressPrefix?: string;
  /** Resource id of an existing subnet to use instead of creating one; it is never modified. @default - a new subnet */
  readonly id?: string;
}

/** Tags for a resource: undefined when there are none, so no empty `tags {}` is written. */
export function tagsOrNone(tags: Record<string, string>): Record<string, string> | undefined {
  return Object.keys(tags).length > 0 ? tags : undefined;
}

const SUBNET_ID = /^\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/virtualNetworks\/[^/]+\/subnets\/[^/]+$/i;

/** An ARM subnet id: /subscriptions/<guid>/resourceGroups/<rg>/providers/Microsoft.Network/virtualNetworks/<vnet>/subnets/<subnet>. */
export function checkSubnetId(problems: ProblemList, prop: string, value: unknown): void {
  problems.check(
    isToken(value) || (typeof value === 'string' && SUBNET_ID.test(value)),
    prop,
    value,
    'a subnet resource id: /subscriptions/<guid>/resourceGroups/<rg>/providers/Microsoft.Network/virtualNetworks/<vnet>/subnets/<subnet>',
  );
}

export { virtualNetworkIdOf } from './net/subnet-id';
