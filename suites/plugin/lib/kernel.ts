/**
 * What the kernel really has, read with `ip -json` inside the sandbox: the ground truth that RES, CHK and DEL
 * checks compare plugin results against (P-ADD-7). Addresses and routes are normalised to canonical CIDR text so
 * "10.1.0.5/24" from a result and the kernel's {local, prefixlen} compare as strings.
 */
import ipaddr from 'ipaddr.js';
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

/** One unicast route, of whatever routing table holds it. */
export interface KernelRoute {
  /** Canonical CIDR ("0.0.0.0/0" for default). */
  readonly dst: string;
  readonly gateway: string | undefined;
  readonly dev: string | undefined;
  /** "main", or the table a plugin moved it to (sbr: "100"). */
  readonly table: string;
}

/** Every routing table some policy rule looks up ("local", "main", "100" …), both families. */
export type RuleTables = ReadonlySet<string>;

interface RawAddrInfo {
  readonly local?: string;
  readonly prefixlen?: number;
}
interface RawLink {
  readonly ifindex: number;
  readonly ifname: string;
  readonly address?: string;
  readonly flags?: readonly string[];
  readonly master?: string;
  readonly addr_info?: readonly RawAddrInfo[];
  readonly linkinfo?: { readonly info_kind?: string };
}
interface RawRoute {
  readonly dst: string;
  readonly gateway?: string;
  readonly dev?: string;
  readonly table?: string;
  readonly type?: string;
}
interface RawRule {
  readonly table?: string;
}

/** Canonical text of an IP ("fd00:0::1" → "fd00::1"); undefined when it is not an IP. */
export function canonicalIp(raw: string): string | undefined {
  return ipaddr.isValid(raw) ? ipaddr.parse(raw).toString() : undefined;
}

/** Canonical "ip/prefix" text of a CIDR (host bits kept: "10.1.0.5/24" stays an address, not a network). */
export function canonicalCidr(raw: string): string | undefined {
  const [ip, prefix] = raw.split('/');
  const canonical = ip === undefined ? undefined : canonicalIp(ip);
  if (canonical === undefined || prefix === undefined || !/^\d+$/.test(prefix)) return undefined;
  return `${canonical}/${Number(prefix)}`;
}

/** The network of a CIDR in canonical form ("10.1.0.5/24" → "10.1.0.0/24"). */
export function networkOf(raw: string): string | undefined {
  try {
    const [address, prefix] = ipaddr.parseCIDR(raw);
    const bytes = address.toByteArray();
    const masked = bytes.map((byte, index) => {
      const bits = Math.min(8, Math.max(0, prefix - index * 8));
      return byte & ((0xff << (8 - bits)) & 0xff);
    });
    return `${ipaddr.fromByteArray(masked).toString()}/${prefix}`;
  } catch {
    return undefined;
  }
}

async function ipJson(sandbox: Sandbox, argv: readonly string[], container?: string): Promise<unknown> {
  const outcome = await sandbox.command(['ip', '-j', ...argv], container === undefined ? {} : { container });
  if (outcome.exitCode !== 0) {
    throw new Error(`ip ${argv.join(' ')} failed (${outcome.exitCode}): ${outcome.stderr.trim()}`);
  }
  return JSON.parse(outcome.stdout || '[]');
}

function toLink(raw: RawLink): KernelLink {
  const addresses = (raw.addr_info ?? [])
    .filter((info) => info.local !== undefined && info.prefixlen !== undefined)
    .map((info) => canonicalCidr(`${info.local}/${info.prefixlen}`) ?? `${info.local}/${info.prefixlen}`);
  return {
    ifindex: raw.ifindex,
    name: raw.ifname,
    mac: (raw.address ?? '').toLowerCase(),
    up: (raw.flags ?? []).includes('UP'),
    addresses,
    kind: raw.linkinfo?.info_kind,
    master: raw.master,
  };
}

/** Every link of the sandbox host namespace, or of `container`'s namespace. */
export async function inspectLinks(sandbox: Sandbox, container?: string): Promise<KernelLink[]> {
  const raw = (await ipJson(sandbox, ['-d', 'addr', 'show'], container)) as RawLink[];
  return raw.map(toLink);
}

/** The link named `name`, or undefined. */
export async function inspectLink(
  sandbox: Sandbox,
  name: string,
  container?: string,
): Promise<KernelLink | undefined> {
  return (await inspectLinks(sandbox, container)).find((link) => link.name === name);
}

function toRoute(raw: RawRoute, family: 4 | 6): KernelRoute {
  const dst = raw.dst === 'default' ? (family === 4 ? '0.0.0.0/0' : '::/0') : raw.dst;
  const withPrefix = dst.includes('/') ? dst : `${dst}/${family === 4 ? 32 : 128}`;
  return {
    dst: canonicalCidr(withPrefix) ?? withPrefix,
    gateway: raw.gateway,
    dev: raw.dev,
    table: raw.table ?? 'main',
  };
}

/** Local, broadcast and multicast entries are the kernel's, never a plugin's result route. */
function isUnicast(raw: RawRoute): boolean {
  return raw.type === undefined || raw.type === 'unicast';
}

/**
 * Unicast routes of every routing table, both families, in `container` (or the sandbox host): plugins such as
 * sbr move routes out of the main table, and policy rules decide which table a packet sees.
 */
export async function inspectRoutes(sandbox: Sandbox, container?: string): Promise<KernelRoute[]> {
  const v4 = (await ipJson(sandbox, ['-4', 'route', 'show', 'table', 'all'], container)) as RawRoute[];
  const v6 = (await ipJson(sandbox, ['-6', 'route', 'show', 'table', 'all'], container)) as RawRoute[];
  return [
    ...v4.filter(isUnicast).map((r) => toRoute(r, 4)),
    ...v6.filter(isUnicast).map((r) => toRoute(r, 6)),
  ];
}

/** The tables the policy rules of both families look up, in `container` (or the sandbox host). */
export async function inspectRuleTables(sandbox: Sandbox, container?: string): Promise<RuleTables> {
  const v4 = (await ipJson(sandbox, ['-4', 'rule', 'show'], container)) as RawRule[];
  const v6 = (await ipJson(sandbox, ['-6', 'rule', 'show'], container)) as RawRule[];
  return new Set([...v4, ...v6].flatMap((rule) => (rule.table ? [rule.table] : [])));
}

/**
 * Host links of `before` that are gone now: what a plugin moving a named host device into the container
 * (host-device) took. Such a plugin attaches once per config; checks that need more attachments skip.
 */
export async function hostLinksMovedSince(
  sandbox: Sandbox,
  before: readonly KernelLink[],
): Promise<string[]> {
  const now = new Set((await inspectLinks(sandbox)).map((link) => link.name));
  return before.filter((link) => !now.has(link.name)).map((link) => link.name);
}
