/** Settings shared by both sides. */

/** The article's region. */
export const DEFAULT_LOCATION = 'japaneast';

export interface SubnetSettings {
  /** Subnet name. */
  readonly name?: string;
  /** Address prefix, a CIDR block inside the VNet. */
  readonly addressPrefix?: string;
}

/** Tags for a resource: undefined when there are none, so no empty `tags {}` is written. */
export function tagsOrNone(tags: Record<string, string>): Record<string, string> | undefined {
  return Object.keys(tags).length > 0 ? tags : undefined;
}
