/** Parsers for the sandbox-state views: sysctls, data-dir files, processes and netns files. */
import type { FileRecord, ProcessRecord } from './snapshot-types.ts';

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

/**
 * Parses `echo $$; ps -eo pid=,ppid=,stat=,args=`. Left out: the inspector's shell and its children,
 * the sandbox's PID 1, and zombies (dead; PID 1 of a sandbox does not reap orphans).
 */
export function parseProcesses(text: string): ProcessRecord[] {
  const [self = '', ...lines] = text.split('\n');
  const inspector = self.trim();
  return lines
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(\S+)\s+(.*)$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .filter(
      ([, pid, ppid, stat]) =>
        pid !== '1' && pid !== inspector && ppid !== inspector && !stat?.startsWith('Z'),
    )
    .map((match) => ({ pid: Number(match[1]), args: (match[4] ?? '').trim() }));
}

/** Parses `ls -1 /run/netns`. */
export function parseNetnsList(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .sort();
}
