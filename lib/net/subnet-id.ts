/** The VNet that an Azure subnet resource id names. */
import { Fn, Token } from 'cdktf';

/** The VNet id of a subnet id (everything before "/subnets/"), for links that need the VNet. */
export function virtualNetworkIdOf(subnetId: string): string {
  return subnetId.replace(/\/subnets\/[^/]+$/i, '');
}

/**
 * The VNet id of a subnet id that may be known only at deploy time (a reference to another
 * resource): then Terraform cuts "/subnets/<name>" off when it applies.
 */
export function virtualNetworkIdOfSubnet(subnetId: string): string {
  return Token.isUnresolved(subnetId) ? Fn.replace(subnetId, '/\\/subnets\\/[^/]+$/', '') : virtualNetworkIdOf(subnetId);
}
