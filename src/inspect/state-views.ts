/** Parsers for the sandbox-state views: sysctls, data-dir files, processes and netns files. */
import { SANDBOX_PATHS } from './snapshot-script.ts';
import type { FileRecord, MountRecord, ProcessRecord } from './snapshot-types.ts';

/** Parses `grep -H "" /proc/sys/…` lines into "net/ipv4/ip_forward" → "1". */
export function parseSysctls(text: string): Record<string, string> {
  const sysctls: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^\/proc\/sys\/(.+?):(.*)$/.exec(line);
    if (match?.[1] !== undefined) sysctls[match[1]] = (match[2] ?? '').trim();
  }
  return sysctls;
}

const FILE_TYPES: Readonly<Record<string, FileRecord['type']>> = { f: 'file', d: 'dir' };

/** Joins `find -printf '%y %p'` lines with `tail -v` contents ("==> path <==" headers). */
export function parseFiles(listing: string, contents: string): FileRecord[] {
  const bodies = new Map<string, string>();
  const parts = contents.split(/^==> (.*) <==\n/m);
  for (let index = 1; index < parts.length; index += 2) {
    // tail separates files with one blank line; it belongs to the separator, not the file.
    const body = parts[index + 1] ?? '';
    bodies.set(parts[index] ?? '', index + 2 < parts.length ? body.replace(/\n$/, '') : body);
  }
  return listing
    .split('\n')
    .filter((line) => line.length > 2)
    .map((line) => {
      const path = line.slice(2);
      const type = FILE_TYPES[line[0] ?? ''] ?? 'other';
      return { path, type, content: type === 'file' ? (bodies.get(path) ?? '') : null };
    })
    .sort((a, b) => a.path.localeCompare(b.path));
}

/** The inspector's shell and every process below it. */
function inspectorTree(self: string, parents: ReadonlyMap<string, string>): Set<string> {
  const tree = new Set([self]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, ppid] of parents) {
      if (!tree.has(pid) && tree.has(ppid)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  return tree;
}

/**
 * Parses `echo $$; ps -eo pid=,ppid=,stat=,args=`. Left out: the inspector's shell and everything below it,
 * the sandbox's PID 1, and zombies (dead; PID 1 of a sandbox does not reap orphans).
 */
export function parseProcesses(text: string): ProcessRecord[] {
  const [self = '', ...lines] = text.split('\n');
  const rows = lines
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(\S+)\s+(.*)$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null);
  const inspector = inspectorTree(self.trim(), new Map(rows.map(([, pid, ppid]) => [pid ?? '', ppid ?? ''])));
  return rows
    .filter(([, pid, , stat]) => pid !== '1' && !inspector.has(pid ?? '') && !stat?.startsWith('Z'))
    .map((match) => ({ pid: Number(match[1]), args: (match[4] ?? '').trim() }));
}

/** Mount points that are the sandbox's own making, not a plugin's. */
function isSandboxMount(mountPoint: string): boolean {
  return SANDBOX_PATHS.some((path) => mountPoint === path || mountPoint.startsWith(`${path}/`));
}

function isUnder(path: string, dirs: readonly string[]): boolean {
  return dirs.some((dir) => path === dir || path.startsWith(`${dir.replace(/\/$/, '')}/`));
}

/**
 * Parses /proc/self/mountinfo (octal escapes such as \040 undone): the mounts under `dirs` (the sandbox's private
 * directories; elsewhere the host's own mounts show through and come and go), without the sandbox's own.
 */
export function parseMounts(text: string, dirs: readonly string[]): MountRecord[] {
  const unoctal = (value: string) =>
    value.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(Number.parseInt(octal, 8)));
  return text
    .split('\n')
    .map((line) => {
      // "id parent major:minor root mountpoint options [optional…] - fstype source superoptions"
      const [before = '', after = ''] = line.split(' - ');
      const fields = before.split(' ');
      const [fsType = '', source = ''] = after.split(' ');
      return {
        mountPoint: unoctal(fields[4] ?? ''),
        fsType,
        source: unoctal(source),
        root: unoctal(fields[3] ?? ''),
      };
    })
    .filter((mount) => isUnder(mount.mountPoint, dirs) && !isSandboxMount(mount.mountPoint));
}

/** Parses the `--state-command` output: one item a line, blank lines dropped. */
export function parseStateLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line.trim().length > 0);
}

/** Parses `ls -1 /run/netns`. */
export function parseNetnsList(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .sort();
}
