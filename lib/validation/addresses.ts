/**
 * Address-plan rules: CIDR syntax, subnets inside their VNet and apart from each other,
 * static IPs inside their subnet, off Azure's reserved addresses and used once.
 */
import {
  Cidr,
  SUBNET_PREFIX_MAX,
  SUBNET_PREFIX_MIN,
  cidrContainsAddress,
  cidrContainsCidr,
  cidrsOverlap,
  explainBadCidr,
  formatIpv4,
  parseCidr,
  parseIpv4,
  reservedAddresses,
} from '../net/ipv4';
import { ProblemList } from './problems';
import { isToken } from './tokens';

/** Checks a VNet address space; returns the parsed blocks when all are valid. */
export function checkAddressSpace(problems: ProblemList, prop: string, value: unknown): Cidr[] | undefined {
  if (!problems.check(Array.isArray(value) && value.length > 0, prop, value, 'a non-empty list of IPv4 CIDR blocks')) {
    return undefined;
  }
  const blocks: Cidr[] = [];
  (value as unknown[]).forEach((text, i) => {
    const cidr = parseCidr(text as string);
    if (!cidr) {
      problems.add(`${prop}[${i}]`, text, explainBadCidr(text as string));
      return;
    }
    // A VNet block must hold at least one /29 subnet.
    if (!problems.check(cidr.prefixLength <= SUBNET_PREFIX_MAX, `${prop}[${i}]`, text, `a block of /${SUBNET_PREFIX_MAX} or larger`)) return;
    const clash = blocks.find((other) => cidrsOverlap(other, cidr));
    if (clash) {
      problems.add(`${prop}[${i}]`, text, `apart from ${clash.text}, another block of the same address space`);
      return;
    }
    blocks.push(cidr);
  });
  return blocks.length === (value as unknown[]).length ? blocks : undefined;
}

/** Checks one subnet prefix: syntax, a size Azure accepts, and inside the VNet when it is known. */
export function checkSubnetPrefix(
  problems: ProblemList,
  prop: string,
  value: unknown,
  addressSpace: Cidr[] | undefined,
): Cidr | undefined {
  const cidr = parseCidr(value as string);
  if (!cidr) {
    problems.add(prop, value, explainBadCidr(value as string));
    return undefined;
  }
  if (!problems.check(
    cidr.prefixLength >= SUBNET_PREFIX_MIN && cidr.prefixLength <= SUBNET_PREFIX_MAX,
    prop,
    value,
    `a subnet from /${SUBNET_PREFIX_MIN} to /${SUBNET_PREFIX_MAX} (Azure's smallest subnet is a /29)`,
  )) return undefined;
  if (addressSpace && !addressSpace.some((block) => cidrContainsCidr(block, cidr))) {
    problems.add(prop, value, `inside the VNet's address space ${addressSpace.map((b) => b.text).join(', ')}`);
    return undefined;
  }
  return cidr;
}

/** Subnets of one VNet may not overlap. */
export function checkSubnetsApart(problems: ProblemList, subnets: { prop: string; cidr: Cidr | undefined }[]): void {
  subnets.forEach((a, i) => {
    for (const b of subnets.slice(i + 1)) {
      if (a.cidr && b.cidr && cidrsOverlap(a.cidr, b.cidr)) {
        problems.add(b.prop, b.cidr.text, `apart from ${a.prop} ${a.cidr.text}: subnets of one VNet may not overlap`);
      }
    }
  });
}

/** The keyword that asks Azure to pick an address instead of a static one. */
export const DYNAMIC = 'Dynamic';

/**
 * The n-th address of a subnet, for default static IPs (4 is the first Azure hands out).
 * Falls back to "Dynamic" when the prefix is invalid or too small; the prefix's own check reports that.
 */
export function defaultAddress(prefix: string, n: number): string {
  const cidr = parseCidr(prefix);
  return cidr && cidr.size > n + 1 ? formatIpv4(cidr.network + n) : DYNAMIC;
}

/**
 * Tracks the static addresses of one VNet so that each is used once, and checks each against its subnet.
 */
export class StaticAddressPlan {
  private readonly owners = new Map<number, string>();

  constructor(private readonly problems: ProblemList) {}

  /**
   * Checks a static IP (or "Dynamic" when `allowDynamic`) against its subnet.
   * `subnet` is undefined when the subnet itself was invalid: then only the syntax is checked.
   */
  check(prop: string, value: unknown, subnet: Cidr | undefined, subnetLabel: string, allowDynamic = false): void {
    if ((allowDynamic && value === DYNAMIC) || isToken(value)) return;
    const address = parseIpv4(value as string);
    if (address === undefined) {
      this.problems.add(prop, value, `an IPv4 address${allowDynamic ? ` or "${DYNAMIC}"` : ''}`);
      return;
    }
    if (!subnet) return;
    if (!cidrContainsAddress(subnet, address)) {
      this.problems.add(prop, value, `inside its subnet ${subnetLabel} ${subnet.text}`);
      return;
    }
    if (reservedAddresses(subnet).includes(address)) {
      this.problems.add(
        prop,
        value,
        `none of the five addresses Azure reserves in ${subnet.text} (${reservedAddresses(subnet).map(formatIpv4).join(', ')})`,
      );
      return;
    }
    const owner = this.owners.get(address);
    if (owner) {
      this.problems.add(prop, value, `an address not already taken by ${owner}`);
      return;
    }
    this.owners.set(address, prop);
  }
}
