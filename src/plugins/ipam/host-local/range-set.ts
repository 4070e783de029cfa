/**
 * Range sets (upstream host-local's behaviour): each range is canonicalised as upstream does — gateway defaults to
 * subnet+1, rangeStart to subnet+1, rangeEnd to the last usable address (IPv4 excludes broadcast) — and
 * sets are checked for mixed families and overlaps.
 */

import { type Address, bitsOf, formatAddress, offset, parseAddress, parseCidr } from '../../skel/address.ts';
import { invalidConfig } from '../../skel/errors.ts';

/** One canonical range: inclusive [start, end] inside subnet. */
export interface Range {
  readonly subnet: string;
  readonly base: Address;
  readonly prefix: number;
  readonly start: Address;
  readonly end: Address;
  readonly gateway: Address | undefined;
}

/** The ranges one address is allocated from. */
export type RangeSet = readonly Range[];

function optionalAddress(raw: unknown, key: string, where: string): Address | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined;
  const address = typeof raw === 'string' ? parseAddress(raw) : undefined;
  if (!address) throw invalidConfig(`${where}: invalid ${key}`, String(raw));
  return address;
}

function contains(range: { base: Address; prefix: number }, address: Address): boolean {
  if (range.base.v6 !== address.v6) return false;
  const hostBits = BigInt(bitsOf(address) - range.prefix);
  return address.value >> hostBits === range.base.value >> hostBits;
}

function parseSubnet(raw: unknown, where: string): { base: Address; prefix: number } {
  const cidr = typeof raw === 'string' ? parseCidr(raw) : undefined;
  if (!cidr) throw invalidConfig(`${where}: invalid subnet`, String(raw));
  const bits = bitsOf(cidr.address);
  if (cidr.prefix > bits - 2)
    throw invalidConfig(`${where}: Network ${String(raw)} too small to allocate from`);
  const hostMask = (1n << BigInt(bits - cidr.prefix)) - 1n;
  if ((cidr.address.value & hostMask) !== 0n)
    throw invalidConfig(`${where}: Network has host bits set`, String(raw));
  return { base: cidr.address, prefix: cidr.prefix };
}

function lastUsable(base: Address, prefix: number): Address {
  const last = offset(base, (1n << BigInt(bitsOf(base) - prefix)) - 1n);
  return base.v6 ? last : offset(last, -1n);
}

function inSubnet(
  subnet: { base: Address; prefix: number },
  address: Address,
  key: string,
  where: string,
): void {
  if (!contains(subnet, address)) {
    throw invalidConfig(`${where}: ${key} ${formatAddress(address)} not in network ${formatSubnet(subnet)}`);
  }
}

function formatSubnet(subnet: { base: Address; prefix: number }): string {
  return `${formatAddress(subnet.base)}/${subnet.prefix}`;
}

/** Canonicalises one raw range object; `where` prefixes errors ("invalid range set 0"). */
export function parseRange(raw: unknown, where: string): Range {
  if (typeof raw !== 'object' || raw === null) throw invalidConfig(`${where}: range must be an object`);
  const fields = raw as Record<string, unknown>;
  const subnet = parseSubnet(fields.subnet, where);
  const start = optionalAddress(fields.rangeStart, 'rangeStart', where) ?? offset(subnet.base, 1n);
  const end = optionalAddress(fields.rangeEnd, 'rangeEnd', where) ?? lastUsable(subnet.base, subnet.prefix);
  const gateway = optionalAddress(fields.gateway, 'gateway', where) ?? offset(subnet.base, 1n);
  inSubnet(subnet, start, 'RangeStart', where);
  inSubnet(subnet, end, 'RangeEnd', where);
  if (start.value > end.value) throw invalidConfig(`${where}: RangeStart is after RangeEnd`);
  return { subnet: formatSubnet(subnet), ...subnet, start, end, gateway };
}

/** True when `address` lies in [start, end] of `range`. */
export function rangeContains(range: Range, address: Address): boolean {
  return (
    range.start.v6 === address.v6 && address.value >= range.start.value && address.value <= range.end.value
  );
}

/** The range of `set` holding `address`, if any. */
export function rangeFor(set: RangeSet, address: Address): Range | undefined {
  return set.find((range) => rangeContains(range, address));
}

function overlaps(a: Range, b: Range): boolean {
  return a.start.v6 === b.start.v6 && a.start.value <= b.end.value && b.start.value <= a.end.value;
}

/** Canonicalises and cross-checks every range set (mixed families, overlaps within and across sets). */
export function parseRangeSets(raw: readonly unknown[]): RangeSet[] {
  const sets = raw.map((rawSet, index) => {
    const where = `invalid range set ${index}`;
    if (!Array.isArray(rawSet) || rawSet.length === 0) throw invalidConfig(`${where}: empty range set`);
    const set = rawSet.map((range) => parseRange(range, where));
    if (set.some((range) => range.start.v6 !== set[0]?.start.v6))
      throw invalidConfig(`${where}: mixed address families`);
    set.forEach((a, i) => {
      if (set.slice(i + 1).some((b) => overlaps(a, b))) throw invalidConfig(`${where}: ranges overlap`);
    });
    return set;
  });
  sets.forEach((a, i) => {
    sets.slice(i + 1).forEach((b, j) => {
      if (a.some((left) => b.some((right) => overlaps(left, right)))) {
        throw invalidConfig(`range set ${i} overlaps with ${i + j + 1}`);
      }
    });
  });
  return sets;
}

/** How many addresses a set can hand out (its gateways excluded). */
export function capacityOf(set: RangeSet): bigint {
  return set.reduce((sum, range) => {
    const gatewayInside = range.gateway !== undefined && rangeContains(range, range.gateway) ? 1n : 0n;
    return sum + (range.end.value - range.start.value + 1n) - gatewayInside;
  }, 0n);
}

/** `[10.0.0.2-10.0.0.254]`-style text for error messages. */
export function formatRangeSet(set: RangeSet): string {
  return set.map((range) => `${formatAddress(range.start)}-${formatAddress(range.end)}`).join(',');
}
