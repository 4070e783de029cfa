/**
 * IP address and CIDR strings as CNI results and configurations carry them (P-RES-2).
 *
 * Two checkers, one meaning: zod validates with ipaddr.js (the refinement), and the generated JSON Schemas
 * carry ajv-formats' `ipv4`/`ipv6` formats, or for CIDRs a `pattern` built from ajv-formats' own address
 * regexes. A property test (test/spec/agreement.test.ts) keeps the two in step.
 */
import { fullFormats } from 'ajv-formats/dist/formats.js';
import ipaddr from 'ipaddr.js';
import { z } from 'zod';

import type { IpFamily } from './address-family.ts';

export type { IpFamily } from './address-family.ts';

/** Dotted quad without leading zeros, like Go's net.ParseIP (since Go 1.17) and ajv-formats. */
export function isIpv4(raw: string): boolean {
  return ipaddr.IPv4.isValidFourPartDecimal(raw);
}

/** An IPv6 address, without a zone (`%eth0`), which Go's net.ParseIP rejects too. */
export function isIpv6(raw: string): boolean {
  return !raw.includes('%') && ipaddr.IPv6.isValid(raw);
}

/** The family of a bare IP string, or undefined when it is not one. */
export function ipFamilyOf(raw: string): IpFamily | undefined {
  if (isIpv4(raw)) return '4';
  if (isIpv6(raw)) return '6';
  return undefined;
}

const PREFIX_LENGTH = /^(0|[1-9]\d*)$/;

/** The family of a CIDR string ("10.1.0.5/16", "fd00::5/64"), or undefined when it is not one. */
export function cidrFamilyOf(raw: string): IpFamily | undefined {
  const slash = raw.lastIndexOf('/');
  if (slash < 0) return undefined;
  const prefix = raw.slice(slash + 1);
  if (!PREFIX_LENGTH.test(prefix)) return undefined;
  const family = ipFamilyOf(raw.slice(0, slash));
  const maxPrefix = family === '4' ? 32 : 128;
  return family && Number(prefix) <= maxPrefix ? family : undefined;
}

/** The family of an IP or CIDR string, for routing addresses and routes to `ip4`/`ip6`. */
export function familyOfAddress(raw: string): IpFamily | undefined {
  return raw.includes('/') ? cidrFamilyOf(raw) : ipFamilyOf(raw);
}

// JSON Schema patterns carry no flags; ajv-formats' ipv6 regex relies on /i, so spell out both cases.
function anchoredSource(regex: RegExp): string {
  const body = regex.source.replace(/^\^/, '').replace(/\$$/, '');
  return regex.flags.includes('i') ? body.replaceAll('[0-9a-f]', '[0-9a-fA-F]') : body;
}

const IPV4_BODY = anchoredSource(fullFormats.ipv4 as RegExp);
const IPV6_BODY = anchoredSource(fullFormats.ipv6 as RegExp);
const PREFIX4 = '(?:3[0-2]|[12]?[0-9])';
const PREFIX6 = '(?:12[0-8]|1[01][0-9]|[1-9]?[0-9])';

/** JSON Schema patterns for CIDR strings, derived from ajv-formats' address regexes. */
export const CIDR_PATTERNS = {
  v4: `^(?:${IPV4_BODY})/${PREFIX4}$`,
  v6: `^(?:${IPV6_BODY})/${PREFIX6}$`,
} as const;

/** Any IP address (v4 or v6), e.g. a gateway. */
export const IpSchema = z
  .string()
  .refine((raw) => ipFamilyOf(raw) !== undefined, { message: 'not an IP address' })
  .meta({ anyOf: [{ format: 'ipv4' }, { format: 'ipv6' }] });

/** An IPv4 address. */
export const Ipv4Schema = z
  .string()
  .refine(isIpv4, { message: 'not an IPv4 address' })
  .meta({ format: 'ipv4' });

/** An IPv6 address. */
export const Ipv6Schema = z
  .string()
  .refine(isIpv6, { message: 'not an IPv6 address' })
  .meta({ format: 'ipv6' });

/** An address with prefix length, v4 or v6 ("10.1.0.5/16"); host bits may be set. */
export const CidrSchema = z
  .string()
  .refine((raw) => cidrFamilyOf(raw) !== undefined, { message: 'not a CIDR (address/prefix)' })
  .meta({ anyOf: [{ pattern: CIDR_PATTERNS.v4 }, { pattern: CIDR_PATTERNS.v6 }] });

/** An IPv4 CIDR. */
export const Cidr4Schema = z
  .string()
  .refine((raw) => cidrFamilyOf(raw) === '4', { message: 'not an IPv4 CIDR (a.b.c.d/n)' })
  .meta({ pattern: CIDR_PATTERNS.v4 });

/** An IPv6 CIDR. */
export const Cidr6Schema = z
  .string()
  .refine((raw) => cidrFamilyOf(raw) === '6', { message: 'not an IPv6 CIDR (x::y/n)' })
  .meta({ pattern: CIDR_PATTERNS.v6 });

/** An IP with or without prefix length (the `ips` capability and `args.cni.ips`). */
export const IpOrCidrSchema = z
  .string()
  .refine((raw) => familyOfAddress(raw) !== undefined, { message: 'not an IP address or CIDR' })
  .meta({
    anyOf: [
      { format: 'ipv4' },
      { format: 'ipv6' },
      { pattern: CIDR_PATTERNS.v4 },
      { pattern: CIDR_PATTERNS.v6 },
    ],
  });
