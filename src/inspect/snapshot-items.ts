/**
 * Flattens a snapshot into named items, each with a stable key (what identifies it across snapshots:
 * names, not ifindexes or PIDs) and a value (what counts as a change: no counters, timers or handles).
 */
import { contentPieces } from './content-items.ts';
import type { Snapshot } from './snapshot-types.ts';

/** What kind of object an item (and a diff entry) is. */
export type LeftoverKind =
  | 'link'
  | 'address'
  | 'route'
  | 'rule'
  | 'neighbour'
  | 'iptables-chain'
  | 'iptables-rule'
  | 'nft'
  | 'sysctl'
  | 'file'
  | 'file-content'
  | 'process'
  | 'mount'
  | 'state'
  | 'netns';

/** One comparable object of a snapshot. */
export interface SnapshotItem {
  readonly kind: LeftoverKind;
  readonly key: string;
  /** Human-readable name, e.g. "link veth1234 (veth, master cni0)". */
  readonly id: string;
  /** Compared to find changes. */
  readonly value: string;
  /** The interface it belongs to, if any (for classification and kernel-generated noise). */
  readonly ifname?: string;
  /** Kind-specific facts the classification table reads (link kind, chain, rule target, path…). */
  readonly facts: Readonly<Record<string, string>>;
}

/** Numbers repeated keys ("#2") so identical rules or processes are counted, not merged. */
function uniqueKeys(items: SnapshotItem[]): SnapshotItem[] {
  const seen = new Map<string, number>();
  return items.map((item) => {
    const count = (seen.get(item.key) ?? 0) + 1;
    seen.set(item.key, count);
    return count === 1 ? item : { ...item, key: `${item.key}#${count}` };
  });
}

function networkItems(snapshot: Snapshot): SnapshotItem[] {
  const links = snapshot.links.map((link): SnapshotItem => {
    const { name, kind, master, mac, mtu, flags, portFlags } = link;
    const value = JSON.stringify({ kind, master, mac, mtu, flags: [...flags].sort(), portFlags });
    const id = `link ${name} (${kind}${master ? `, master ${master}` : ''})`;
    return { kind: 'link', key: `link ${name}`, id, value, ifname: name, facts: { linkKind: kind } };
  });
  const addresses = snapshot.addresses.map(
    (address): SnapshotItem => ({
      kind: 'address',
      key: `address ${address.ifname} ${address.cidr}`,
      id: `address ${address.cidr} on ${address.ifname}`,
      value: address.scope,
      ifname: address.ifname,
      facts: { scope: address.scope },
    }),
  );
  const routes = snapshot.routes.map((route): SnapshotItem => {
    const type = route.type === 'unicast' ? '' : `${route.type} `;
    const via = `${route.gateway ? ` via ${route.gateway}` : ''}${route.dev ? ` dev ${route.dev}` : ''}`;
    const metric = route.metric === null ? '' : ` metric ${route.metric}`;
    const id = `route ${type}${route.dst}${via}${metric} (${route.family}, table ${route.table})`;
    const facts = { protocol: route.protocol ?? '', table: route.table };
    return { kind: 'route', key: id, id, value: '', ifname: route.dev ?? undefined, facts };
  });
  const rules = snapshot.rules.map((rule): SnapshotItem => {
    const id = `rule ${rule.priority}: ${rule.selector} (${rule.family})`;
    return { kind: 'rule', key: id, id, value: '', facts: {} };
  });
  const neighbours = snapshot.neighbours.map((neighbour): SnapshotItem => {
    const id = `neighbour ${neighbour.dst} dev ${neighbour.ifname}`;
    const value = neighbour.lladdr ?? '';
    return { kind: 'neighbour', key: id, id, value, ifname: neighbour.ifname, facts: {} };
  });
  return [...links, ...addresses, ...routes, ...rules, ...neighbours];
}

function firewallItems(snapshot: Snapshot): SnapshotItem[] {
  const items: SnapshotItem[] = [];
  for (const table of snapshot.iptables) {
    const where = `${table.table} (${table.family})`;
    for (const [chain, policy] of Object.entries(table.chains)) {
      const id = `iptables chain ${chain} in ${where}`;
      items.push({ kind: 'iptables-chain', key: id, id, value: policy, facts: { chain } });
    }
    for (const rule of table.rules) {
      const id = `iptables rule ${where}: ${rule}`;
      const target = /(?:^| )-[jg] (\S+)/.exec(rule)?.[1] ?? '';
      const chain = /^-A (\S+)/.exec(rule)?.[1] ?? '';
      items.push({ kind: 'iptables-rule', key: id, id, value: '', facts: { chain, target, rule } });
    }
  }
  const nft = snapshot.nft;
  const groups = [
    ['table', nft.tables],
    ['chain', nft.chains],
    ['rule', nft.rules],
    ['object', nft.objects],
  ] as const;
  for (const [what, entries] of groups) {
    for (const entry of entries) {
      const id = `nft ${what} ${entry}`;
      items.push({ kind: 'nft', key: id, id, value: '', facts: { nftKind: what } });
    }
  }
  return items;
}

function stateItems(snapshot: Snapshot): SnapshotItem[] {
  const sysctls = Object.entries(snapshot.sysctls).map(([path, value]): SnapshotItem => {
    const ifname = /^net\/ipv[46]\/conf\/([^/]+)\//.exec(path)?.[1];
    return { kind: 'sysctl', key: `sysctl ${path}`, id: `sysctl ${path}`, value, ifname, facts: { path } };
  });
  const files = snapshot.files.map(
    (file): SnapshotItem => ({
      kind: 'file',
      key: `file ${file.path}`,
      id: `${file.type === 'dir' ? 'directory' : 'file'} ${file.path}`,
      value: file.type,
      facts: { path: file.path, type: file.type },
    }),
  );
  const contents = snapshot.files.flatMap((file) =>
    contentPieces(file).map((piece): SnapshotItem => {
      const key = `file-content ${file.path}${piece.where ? ` ${piece.where}` : ''}`;
      const id = `${piece.where ? `"${piece.where}"` : 'content'} in ${file.path}`;
      return { kind: 'file-content', key, id, value: piece.value, facts: { path: file.path } };
    }),
  );
  const mounts = (snapshot.mounts ?? []).map((mount): SnapshotItem => {
    const from = `${mount.source}${mount.root === '/' ? '' : mount.root}`;
    const id = `mount ${mount.mountPoint} (${mount.fsType} ${from})`;
    return {
      kind: 'mount',
      key: `mount ${mount.mountPoint}`,
      id,
      value: `${mount.fsType} ${from}`,
      facts: {},
    };
  });
  const stateLines = (snapshot.stateLines ?? []).map(
    (line): SnapshotItem => ({
      kind: 'state',
      key: `state ${line}`,
      id: `state "${line}"`,
      value: '',
      facts: {},
    }),
  );
  const processes = (snapshot.processes ?? []).map(
    (process): SnapshotItem => ({
      kind: 'process',
      key: `process ${process.args}`,
      id: `process ${process.pid} ${process.args}`,
      value: '',
      facts: {},
    }),
  );
  const netns = snapshot.netns.map(
    (name): SnapshotItem => ({
      kind: 'netns',
      key: `netns ${name}`,
      id: `netns ${name}`,
      value: '',
      facts: {},
    }),
  );
  return [...sysctls, ...files, ...contents, ...processes, ...mounts, ...stateLines, ...netns];
}

/** Every item of a snapshot, keyed. */
export function snapshotItems(snapshot: Snapshot): Map<string, SnapshotItem> {
  const items = uniqueKeys([...networkItems(snapshot), ...firewallItems(snapshot), ...stateItems(snapshot)]);
  return new Map(items.map((item) => [item.key, item]));
}
