/**
 * The real host's state, for proving a run left it untouched: the inspector's network views and CNI dirs
 * (links, addresses, routes, rules, iptables, nft, sysctls, /etc/cni, /var/lib/cni, /run/netns) plus what
 * the inspector leaves out for a namespace: host processes, the mount table, the names under /etc and /tmp, and
 * the IPC objects and UTS names a plugin outside its own namespaces could leave.
 * Read-only: /proc and the filesystem are read directly, the network views by the inspector's one script.
 */
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffSnapshots } from './diff.ts';
import { hostRunner } from './runner.ts';
import { inspectNamespace } from './snapshot.ts';
import type { Snapshot } from './snapshot-types.ts';

/** CNI dirs recorded with contents (the inspector's file view). */
export const HOST_CNI_DIRS = ['/etc/cni', '/var/lib/cni'] as const;

/** Trees recorded by name, type and size only (too big or too busy for contents), to this depth. */
export const HOST_LISTED_TREES = [
  { root: '/etc', depth: 3 },
  { root: '/opt/cni', depth: 2 },
  { root: '/run', depth: 1 },
  // The harness's run directories: one left behind is a crashed run nobody cleaned.
  { root: '/run/cni-conformance', depth: 1 },
  { root: '/tmp', depth: 2 },
] as const;

/** One host process: identified by PID and start time, so a reused PID is a different process. */
export interface HostProcess {
  readonly pid: number;
  readonly ppid: number;
  readonly started: string;
  readonly args: string;
}

/** Everything {@link diffHostStates} compares. */
export interface HostState {
  readonly network: Snapshot;
  readonly processes: readonly HostProcess[];
  /** "mount point fstype source root" of every mount of this mount namespace. */
  readonly mounts: readonly string[];
  /** "type path size" under {@link HOST_LISTED_TREES}. */
  readonly paths: readonly string[];
  /** SysV IPC objects ("shm key id"), POSIX message queues ("mqueue name") and the host and domain name. */
  readonly ipc: readonly string[];
}

/** One difference between two host states. */
export interface HostDifference {
  readonly kind: string;
  readonly change: 'added' | 'removed' | 'changed';
  readonly id: string;
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function readProcess(pid: number): HostProcess | undefined {
  const stat = readText(`/proc/${pid}/stat`);
  const cmdline = readText(`/proc/${pid}/cmdline`);
  if (stat === undefined || cmdline === undefined) return undefined;
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Kernel threads have an empty cmdline; the kernel starts and stops them (per-netns workers and the like).
  if (cmdline === '' || fields[0] === 'Z') return undefined;
  // One line, bounded: a holder's argv is a whole shell script.
  const args = cmdline.replaceAll('\0', ' ').replace(/\s+/g, ' ').trim().slice(0, 160);
  return { pid, ppid: Number(fields[1]), started: fields[19] ?? '', args };
}

/** This process and its ancestors: the launcher chain of a snapshot (`npx tsx …` under a CI shell). */
function ancestorsOfSelf(all: readonly HostProcess[]): Set<number> {
  const byPid = new Map(all.map((entry) => [entry.pid, entry]));
  const chain = new Set<number>();
  for (let pid: number | undefined = process.pid; pid !== undefined && pid > 0 && !chain.has(pid); ) {
    chain.add(pid);
    pid = byPid.get(pid)?.ppid;
  }
  return chain;
}

/**
 * Host processes, minus kernel threads, zombies, this process's ancestors (the launcher, which differs between
 * two snapshots taken by two commands) and its descendants (the snapshot's own helpers). Read before anything
 * is spawned, so no helper of ours can be mid-flight.
 */
export function hostProcesses(): HostProcess[] {
  const all = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readProcess(Number(name)))
    .filter((entry): entry is HostProcess => entry !== undefined);
  const descendants = new Set([process.pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const entry of all) {
      if (!descendants.has(entry.pid) && descendants.has(entry.ppid)) {
        descendants.add(entry.pid);
        grew = true;
      }
    }
  }
  const ancestors = ancestorsOfSelf(all);
  return all.filter((entry) => !descendants.has(entry.pid) && !ancestors.has(entry.pid));
}

/** This mount namespace's mounts, from /proc/self/mountinfo (IDs left out: they change on a remount). */
export function hostMounts(): string[] {
  return (readText('/proc/self/mountinfo') ?? '')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => {
      const fields = line.split(' ');
      const tail = fields.slice(fields.indexOf('-') + 1);
      return `${fields[4]} ${tail[0]} ${tail[1]} ${fields[3]}`;
    })
    .sort();
}

function listTree(dir: string, depth: number, into: string[]): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return; // unreadable or vanished meanwhile (another program's temp dir)
  }
  for (const name of names) {
    const path = join(dir, name);
    try {
      const stat = lstatSync(path);
      const type = stat.isDirectory() ? 'dir' : stat.isFile() ? 'file' : 'other';
      into.push(`${type} ${path} ${stat.isFile() ? stat.size : ''}`.trimEnd());
      if (stat.isDirectory() && depth > 1) listTree(path, depth - 1, into);
    } catch {
      // gone between readdir and lstat
    }
  }
}

/** Names, types and sizes under the listed trees. */
export function hostPaths(trees: readonly { root: string; depth: number }[] = HOST_LISTED_TREES): string[] {
  const paths: string[] = [];
  for (const tree of trees) listTree(tree.root, tree.depth, paths);
  return paths.sort();
}

/** The host IPC namespace's objects and the UTS names, read from /proc and /dev/mqueue (no spawn). */
export function hostIpc(): string[] {
  const items: string[] = [];
  for (const kind of ['shm', 'msg', 'sem']) {
    const lines = (readText(`/proc/sysvipc/${kind}`) ?? '').split('\n').slice(1);
    for (const line of lines) {
      const [key, id] = line.trim().split(/\s+/);
      if (key) items.push(`${kind} key ${key} id ${id}`);
    }
  }
  try {
    for (const name of readdirSync('/dev/mqueue')) items.push(`mqueue ${name}`);
  } catch {
    // No mqueue filesystem mounted: POSIX queues cannot be listed.
  }
  for (const name of ['hostname', 'domainname'])
    items.push(`${name} ${(readText(`/proc/sys/kernel/${name}`) ?? '').trim()}`);
  return items.sort();
}

/** Takes the host's state. Throws nothing; a view the inspector could not read is in `network.problems`. */
export async function takeHostState(): Promise<HostState> {
  const processes = hostProcesses();
  const mounts = hostMounts();
  const paths = hostPaths();
  const ipc = hostIpc();
  const network = await inspectNamespace(hostRunner, {
    dataDirs: [...HOST_CNI_DIRS, '/run/netns'],
    processes: false,
  });
  return { network, processes, mounts, paths, ipc };
}

function setDiff(kind: string, before: readonly string[], after: readonly string[]): HostDifference[] {
  const old = new Set(before);
  const now = new Set(after);
  return [
    ...after.filter((item) => !old.has(item)).map((id) => ({ kind, change: 'added' as const, id })),
    ...before.filter((item) => !now.has(item)).map((id) => ({ kind, change: 'removed' as const, id })),
  ];
}

function processKey(entry: HostProcess): string {
  return `${entry.pid}@${entry.started} ${entry.args}`;
}

/** Every difference between two host states, network views first. */
export function diffHostStates(before: HostState, after: HostState): HostDifference[] {
  const network = diffSnapshots(before.network, after.network, { ignoreKinds: ['process'] }).map(
    ({ kind, change, id }) => ({ kind, change, id }),
  );
  const problems = setDiff('inspector problem', before.network.problems, after.network.problems);
  return [
    ...network,
    ...problems,
    ...setDiff('process', before.processes.map(processKey), after.processes.map(processKey)),
    ...setDiff('mount', before.mounts, after.mounts),
    ...setDiff('path', before.paths, after.paths),
    ...setDiff('ipc', before.ipc, after.ipc),
  ];
}

/** One line per difference, for failure messages. */
export function formatHostDifferences(differences: readonly HostDifference[]): string {
  return differences.map((entry) => `  ${entry.change} ${entry.kind}: ${entry.id}`).join('\n');
}
