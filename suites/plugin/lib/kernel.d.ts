import type { Sandbox } from '../../../src/sandbox/sandbox.ts';
/** One link as `ip -j addr` shows it. */
export interface KernelLink {
  readonly ifindex: number;
  readonly name: string;
  readonly mac: string;
  /** Administratively up (the UP flag). */
  readonly up: boolean;
  /** Canonical "addr/prefix" strings, both families, link-local IPv6 included. */
  readonly addresses: readonly string[];
  /** Kind from `ip -d` (veth, bridge, dummy…), when known. */
  readonly kind: string | undefined;
  /** Master link name (bridge port), when enslaved. */
  readonly master: string | undefined;
}
/** One route of the main table. */
export interface KernelRoute {
  /** Canonical CIDR ("0.0.0.0/0" for default). */
  readonly dst: string;
  readonly gateway: string | undefined;
  readonly dev: string | undefined;
}
/** Canonical text of an IP ("fd00:0::1" → "fd00::1"); undefined when it is not an IP. */
export declare function canonicalIp(raw: string): string | undefined;
/** Canonical "ip/prefix" text of a CIDR (host bits kept: "10.1.0.5/24" stays an address, not a network). */
export declare function canonicalCidr(raw: string): string | undefined;
/** The network of a CIDR in canonical form ("10.1.0.5/24" → "10.1.0.0/24"). */
export declare function networkOf(raw: string): string | undefined;
/** Every link of the sandbox host namespace, or of `container`'s namespace. */
export declare function inspectLinks(sandbox: Sandbox, container?: string): Promise<KernelLink[]>;
/** The link named `name`, or undefined. */
export declare function inspectLink(
  sandbox: Sandbox,
  name: string,
  container?: string,
): Promise<KernelLink | undefined>;
/** Routes of the main table, both families, in `container` (or the sandbox host). */
export declare function inspectRoutes(sandbox: Sandbox, container?: string): Promise<KernelRoute[]>;
