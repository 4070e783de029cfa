/**
 * The family of an address that was validated already. Zod-free, so the plugins' skel and the result converter
 * can use it without the schema layer (src/spec/ip.ts validates; this only routes).
 */

/** An IP family as CNI spells it in 0.3.x/0.4.0 `ips[].version`. */
export type IpFamily = '4' | '6';

/** '6' for an IPv6 address or CIDR (the only family that spells a colon), else '4'. */
export function addressFamilyOf(address: string): IpFamily {
  return address.includes(':') ? '6' : '4';
}
