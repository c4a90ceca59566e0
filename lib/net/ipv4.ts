/**
 * IPv4 addresses and CIDR blocks, as plain numbers, with the rules Azure applies to subnets.
 * Pure functions only: no constructs, so validation and tests can use them without synthesizing.
 */

const OCTET = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/** Parses a dotted-quad IPv4 address; undefined when it is not one (leading zeros are refused). */
export function parseIpv4(text: string): number | undefined {
  if (typeof text !== 'string') return undefined;
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => OCTET.test(p))) return undefined;
  return parts.reduce((acc, p) => acc * 256 + Number(p), 0);
}

export function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

export interface Cidr {
  /** The text as the user wrote it. */
  readonly text: string;
  /** First address of the block. */
  readonly network: number;
  readonly prefixLength: number;
  /** Number of addresses in the block. */
  readonly size: number;
}

/** Parses "a.b.c.d/n"; undefined when the syntax is wrong or host bits are set (Azure refuses those). */
export function parseCidr(text: string): Cidr | undefined {
  if (typeof text !== 'string') return undefined;
  const match = /^([^/]+)\/(3[0-2]|[12]?\d)$/.exec(text);
  if (!match) return undefined;
  const address = parseIpv4(match[1]);
  if (address === undefined) return undefined;
  const prefixLength = Number(match[2]);
  const size = 2 ** (32 - prefixLength);
  if (address % size !== 0) return undefined;
  return { text, network: address, prefixLength, size };
}

/** Why `parseCidr` refused a text, for error messages. */
export function explainBadCidr(text: string): string {
  const match = /^([^/]+)\/(\d+)$/.exec(String(text));
  if (!match || parseIpv4(match[1]) === undefined || Number(match[2]) > 32) {
    return 'an IPv4 CIDR block such as 10.1.0.0/24';
  }
  const size = 2 ** (32 - Number(match[2]));
  const address = parseIpv4(match[1]) as number;
  return `a CIDR block whose host bits are zero, such as ${formatIpv4(address - (address % size))}/${match[2]}`;
}

export function lastAddress(cidr: Cidr): number {
  return cidr.network + cidr.size - 1;
}

export function cidrContainsAddress(cidr: Cidr, address: number): boolean {
  return address >= cidr.network && address <= lastAddress(cidr);
}

export function cidrContainsCidr(outer: Cidr, inner: Cidr): boolean {
  return inner.network >= outer.network && lastAddress(inner) <= lastAddress(outer);
}

export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  return a.network <= lastAddress(b) && b.network <= lastAddress(a);
}

/**
 * Azure reserves five addresses in every subnet: the network address, .1 (default gateway),
 * .2 and .3 (Azure DNS) and the broadcast address.
 * https://learn.microsoft.com/azure/virtual-network/virtual-networks-faq#are-there-any-restrictions-on-using-ip-addresses-within-these-subnets
 */
export function reservedAddresses(subnet: Cidr): number[] {
  return [subnet.network, subnet.network + 1, subnet.network + 2, subnet.network + 3, lastAddress(subnet)];
}

/** The first address Azure would hand out in a subnet (its fourth host), e.g. 10.0.0.4 in 10.0.0.0/24. */
export function firstUsableAddress(subnet: Cidr): number {
  return subnet.network + 4;
}

/** Azure's smallest IPv4 subnet is a /29 and its largest a /2. */
export const SUBNET_PREFIX_MIN = 2;
export const SUBNET_PREFIX_MAX = 29;
