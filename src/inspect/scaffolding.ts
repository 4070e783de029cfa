/**
 * What a plugin may leave behind on purpose. A leak is state tied to one attachment (its address,
 * container ID, interface, rules naming them) that outlives DEL; scaffolding is created once per host
 * and shared by every attachment (the bridge, top-level CNI chains and the jumps to them, nft tables,
 * forwarding sysctls, host-local's `lock` and `last_reserved_ip.*`). This table is the fallback verdict, used
 * only when no second attachment could be added; otherwise ownership by difference (ownership.ts) decides.
 */
import type { LeftoverKind, SnapshotItem } from './snapshot-items.ts';

/** What the table may look at besides the item: the bridges and shared chains of either snapshot. */
export interface ScaffoldingContext {
  readonly bridges: ReadonlySet<string>;
  readonly sharedChains: ReadonlySet<string>;
}

/** One row: items of `kind` that `matches` are scaffolding, for the reason `why`. */
export interface ScaffoldingRule {
  readonly kind: LeftoverKind;
  readonly why: string;
  readonly matches: (item: SnapshotItem, context: ScaffoldingContext) => boolean;
}

/** Chains every iptables table has, and the per-host chains upstream plugins share. */
export const SHARED_CHAINS: readonly string[] = [
  'INPUT',
  'OUTPUT',
  'FORWARD',
  'PREROUTING',
  'POSTROUTING',
  'CNI-FORWARD',
  'CNI-ADMIN',
  'CNI-HOSTPORT-DNAT',
  'CNI-HOSTPORT-SNAT',
  'CNI-HOSTPORT-SETMARK',
  'CNI-HOSTPORT-MASQ',
];

/** A rule that names one attachment: a host address, or libcni's "id:" comment. */
function namesAttachment(rule: string): boolean {
  return /\/(32|128)\b/.test(rule) || /\bid: /.test(rule);
}

/** The scaffolding table, first match wins. */
export const SCAFFOLDING_RULES: readonly ScaffoldingRule[] = [
  {
    kind: 'link',
    why: 'a bridge is shared by every attachment',
    matches: (item) => item.facts.linkKind === 'bridge',
  },
  {
    kind: 'address',
    why: "the bridge's gateway and link-local addresses are shared",
    matches: (item, context) => context.bridges.has(item.ifname ?? ''),
  },
  {
    kind: 'route',
    why: 'routes through the shared bridge',
    matches: (item, context) => context.bridges.has(item.ifname ?? ''),
  },
  {
    kind: 'iptables-chain',
    why: 'built-in and per-host CNI chains',
    matches: (item, context) => context.sharedChains.has(item.facts.chain ?? ''),
  },
  {
    kind: 'iptables-rule',
    why: 'a jump into a shared chain that names no attachment',
    matches: (item, context) =>
      context.sharedChains.has(item.facts.target ?? '') && !namesAttachment(item.facts.rule ?? ''),
  },
  {
    kind: 'nft',
    why: 'nft tables and chains are created once per host',
    matches: (item) => item.facts.nftKind === 'table' || item.facts.nftKind === 'chain',
  },
  {
    kind: 'sysctl',
    why: 'forwarding is switched on once per host (and flips every interface)',
    matches: (item, context) =>
      /(^net\/ipv4\/ip_forward$|\/forwarding$|\/conf\/(all|default)\/)/.test(item.facts.path ?? '') ||
      context.bridges.has(item.ifname ?? ''),
  },
  {
    kind: 'file',
    why: "IPAM store directories and host-local's per-network lock and last_reserved_ip",
    matches: (item) =>
      item.facts.type === 'dir' || /\/(lock|last_reserved_ip\.\d+)$/.test(item.facts.path ?? ''),
  },
  {
    kind: 'file-content',
    why: "host-local's round-robin cursor",
    matches: (item) => /\/last_reserved_ip\.\d+$/.test(item.facts.path ?? ''),
  },
];

/** The reason an added or changed item is scaffolding, or undefined when it is a leak. */
export function scaffoldingReason(item: SnapshotItem, context: ScaffoldingContext): string | undefined {
  return SCAFFOLDING_RULES.find((rule) => rule.kind === item.kind && rule.matches(item, context))?.why;
}
