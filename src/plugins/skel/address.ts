/**
 * Addresses as bigints so range arithmetic is plain integer maths; ipaddr.js parses and prints them
 * (RFC 5952 text for IPv6, the same text upstream host-local uses for its file names).
 */
import ipaddr from 'ipaddr.js';

/** An address of one family as an integer. */
export interface Address {
  readonly v6: boolean;
  readonly value: bigint;
}

/** Parses a bare address; undefined when it is not one. */
export function parseAddress(raw: string): Address | undefined {
  if (!ipaddr.isValid(raw)) return undefined;
  const parsed = ipaddr.parse(raw);
  let value = 0n;
  for (const byte of parsed.toByteArray()) value = (value << 8n) | BigInt(byte);
  return { v6: parsed.kind() === 'ipv6', value };
}

/** Parses `a.b.c.d/nn` or `x::y/nn` into its address and prefix length. */
export function parseCidr(raw: string): { address: Address; prefix: number } | undefined {
  const slash = raw.indexOf('/');
  if (slash < 0) return undefined;
  const address = parseAddress(raw.slice(0, slash));
  const prefix = Number(raw.slice(slash + 1));
  if (!address || !Number.isInteger(prefix) || prefix < 0 || prefix > bitsOf(address)) return undefined;
  return { address, prefix };
}

/** 32 or 128. */
export function bitsOf(address: Address): number {
  return address.v6 ? 128 : 32;
}

/** The address as text, as Go's net.IP.String() prints it. */
export function formatAddress(address: Address): string {
  const bytes: number[] = [];
  let rest = address.value;
  for (let index = 0; index < (address.v6 ? 16 : 4); index += 1) {
    bytes.unshift(Number(rest & 0xffn));
    rest >>= 8n;
  }
  return ipaddr.fromByteArray(bytes).toString();
}

/** The address `delta` further on, same family. */
export function offset(address: Address, delta: bigint): Address {
  return { v6: address.v6, value: address.value + delta };
}

/** True when both are the same address. */
export function sameAddress(a: Address | undefined, b: Address | undefined): boolean {
  return a !== undefined && b !== undefined && a.v6 === b.v6 && a.value === b.value;
}

/** Strips an optional `/prefix` and parses the address (requested IPs may carry one). */
export function parseRequestedAddress(raw: string): Address | undefined {
  const slash = raw.indexOf('/');
  return parseAddress(slash < 0 ? raw : raw.slice(0, slash));
}
