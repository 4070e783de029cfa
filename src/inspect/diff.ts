/**
 * `diffSnapshots`: every object that appeared, vanished or changed between two snapshots, named, and
 * marked as scaffolding (shared per-host state, information only) or not (a leftover: leak or damage).
 */
import { type ScaffoldingContext, SHARED_CHAINS, scaffoldingReason } from './scaffolding.ts';
import { type LeftoverKind, type SnapshotItem, snapshotItems } from './snapshot-items.ts';
import type { Snapshot } from './snapshot-types.ts';

/** One difference between two snapshots. */
export interface DiffEntry {
  readonly kind: LeftoverKind;
  /** What identifies the object across snapshots (names, not ifindexes or PIDs). */
  readonly key: string;
  readonly change: 'added' | 'removed' | 'changed';
  /** Human-readable, e.g. "link veth1234 (veth, master cni0)" or "sysctl net/ipv4/ip_forward: 0 → 1". */
  readonly id: string;
  /** Shared per-host state a plugin creates once (not a leak); `why` says which rule matched. */
  readonly scaffolding: boolean;
  readonly why?: string;
}

/** Options for {@link diffSnapshots}. */
export interface DiffOptions {
  /** Kinds to leave out, e.g. ['process'] for the real host. */
  readonly ignoreKinds?: readonly LeftoverKind[];
  /** More chain names to treat as shared per-host chains (a third-party plugin's). */
  readonly sharedChains?: readonly string[];
}

function bridgesOf(...snapshots: Snapshot[]): Set<string> {
  return new Set(
    snapshots.flatMap((s) => s.links.filter((link) => link.kind === 'bridge').map((link) => link.name)),
  );
}

/**
 * Kernel-generated objects of a link that came or went (its link-local addresses, kernel routes,
 * neighbours and per-interface sysctls) are the link's own entry said again; they are left out.
 */
function followsLink(item: SnapshotItem, churnedLinks: ReadonlySet<string>): boolean {
  if (item.ifname === undefined || !churnedLinks.has(item.ifname)) return false;
  if (item.kind === 'sysctl' || item.kind === 'neighbour') return true;
  if (item.kind === 'address') return item.facts.scope === 'link';
  return item.kind === 'route' && item.facts.protocol === 'kernel';
}

/**
 * The kernel's own local-table route for each address (IPv6 link-local ones appear only once DAD is done, long
 * after the link): the address's entry already says it.
 */
function followsAddress(item: SnapshotItem): boolean {
  return item.kind === 'route' && item.facts.table === 'local' && item.facts.protocol === 'kernel';
}

/** Compares two snapshots of the same namespace. */
export function diffSnapshots(before: Snapshot, after: Snapshot, options: DiffOptions = {}): DiffEntry[] {
  const ignored = new Set(options.ignoreKinds ?? []);
  const context: ScaffoldingContext = {
    bridges: bridgesOf(before, after),
    sharedChains: new Set([...SHARED_CHAINS, ...(options.sharedChains ?? [])]),
  };
  const old = snapshotItems(before);
  const now = snapshotItems(after);
  const churned = (kind: LeftoverKind, fact: (item: SnapshotItem) => string) =>
    new Set(
      [...old.values(), ...now.values()]
        .filter((item) => item.kind === kind && old.has(item.key) !== now.has(item.key))
        .map(fact),
    );
  const churnedLinks = churned('link', (item) => item.ifname ?? '');
  const churnedFiles = churned('file', (item) => item.facts.path ?? '');
  const entries: DiffEntry[] = [];
  const add = (item: SnapshotItem, change: DiffEntry['change'], id: string) => {
    if (ignored.has(item.kind) || followsLink(item, churnedLinks) || followsAddress(item)) return;
    // The content of a file that came or went is the file's own entry said again.
    if (item.kind === 'file-content' && churnedFiles.has(item.facts.path ?? '')) return;
    const why = change === 'removed' ? undefined : scaffoldingReason(item, context);
    const { kind, key } = item;
    entries.push({ kind, key, change, id, scaffolding: why !== undefined, ...(why ? { why } : {}) });
  };
  for (const [key, item] of now) {
    const previous = old.get(key);
    if (!previous) add(item, 'added', item.id);
    else if (previous.value !== item.value) add(item, 'changed', describeChange(previous, item));
  }
  for (const [key, item] of old) if (!now.has(key)) add(item, 'removed', item.id);
  return entries;
}

function describeChange(before: SnapshotItem, after: SnapshotItem): string {
  if (['sysctl', 'iptables-chain', 'file-content', 'mount', 'neighbour'].includes(after.kind))
    return `${after.id}: ${before.value} → ${after.value}`;
  if (after.kind === 'link') return `${after.id}: ${changedFields(before.value, after.value)}`;
  return `${after.id} (content changed)`;
}

function changedFields(before: string, after: string): string {
  const old = JSON.parse(before) as Record<string, unknown>;
  const now = JSON.parse(after) as Record<string, unknown>;
  return Object.keys(now)
    .filter((key) => JSON.stringify(old[key]) !== JSON.stringify(now[key]))
    .map((key) => `${key} ${JSON.stringify(old[key])} → ${JSON.stringify(now[key])}`)
    .join(', ');
}

/** The entries that are not scaffolding: leaks (state outliving DEL) and damage (things removed). */
export function leaks(diff: readonly DiffEntry[]): DiffEntry[] {
  return diff.filter((entry) => !entry.scaffolding);
}

/** One line per entry, leftovers first, for failure messages. */
export function formatDiff(diff: readonly DiffEntry[]): string {
  const line = (entry: DiffEntry) =>
    `${entry.scaffolding ? '  (scaffolding) ' : '  '}${entry.change} ${entry.id}${entry.why ? ` — ${entry.why}` : ''}`;
  return [...leaks(diff), ...diff.filter((entry) => entry.scaffolding)].map(line).join('\n');
}
