/**
 * The bounds, bounded output buffer and process-group bookkeeping every executor shares (host-executor.ts on node:child_process, exec's
 * Bun.spawn executor in src/cli/exec-executor.ts). Imports nothing, so the native `exec` can use it without
 * loading node:child_process.
 */

/** Default per-call timeout. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * After the main process exits, its leftover children may still hold stdout open; give them this long,
 * then kill the group so the run goes on.
 */
export const ORPHAN_GRACE_MS = 250;

/** A PATH for helper programs when the caller's env has none. */
export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/**
 * How much of each stream is kept: far more than any CNI result or error, little enough that a plugin
 * flooding 100 MB cannot exhaust the harness. The rest is read and dropped, so the writer never blocks.
 */
export const OUTPUT_LIMIT_BYTES = 4 * 1024 * 1024;

/** SIGKILLs a process group (a detached child's pid); a group already gone is fine. */
export function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // The group is already gone.
  }
}

/** Process groups still running; killed if this process exits first (a plugin must not outlive the run). */
const liveGroups = new Set<number>();
let exitHookInstalled = false;

/** Kills `pid`'s group when this process exits before {@link untrackGroup}. */
export function trackGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  liveGroups.add(pid);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const group of liveGroups) killGroup(group);
  });
}

/** The group's program has ended and been reaped: nothing to kill at exit. */
export function untrackGroup(pid: number | undefined): void {
  if (pid !== undefined) liveGroups.delete(pid);
}

/** A bounded buffer for one stream: the first `limit` bytes, and whether more came. */
export function boundedSink(limit: number) {
  const chunks: Uint8Array[] = [];
  let kept = 0;
  let truncated = false;
  return {
    push(chunk: Uint8Array) {
      const room = limit - kept;
      if (chunk.length > room) truncated = true;
      if (room <= 0) return;
      const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
      chunks.push(part);
      kept += part.length;
    },
    text: () => Buffer.concat(chunks).toString('utf8'),
    truncated: () => truncated,
  };
}
