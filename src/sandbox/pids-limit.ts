/**
 * A pids limit per sandbox, so a fork bomb in a plugin stops at `pids.max` instead of taking the machine: one
 * cgroup per sandbox (cgroup v2 with the pids controller, else the v1 pids hierarchy) under a
 * `cni-conformance` parent. Plugin calls join it before they enter the sandbox; everything they fork stays in
 * it. Where no writable pids controller exists (rootless, or a container without one), the limit is
 * unavailable and says why.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Tasks (processes and threads) a sandbox may hold: plenty for Go and Node plugins and their delegates. */
export const SANDBOX_PIDS_MAX = 1024;

/** Whether a sandbox has its pids limit, and where. */
export type PidsLimit =
  | { readonly kind: 'limited'; readonly max: number; readonly dir: string }
  | { readonly kind: 'unavailable'; readonly reason: string };

const CGROUP_ROOT = '/sys/fs/cgroup';
const PARENT_NAME = 'cni-conformance';

function read(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** The parent directory for sandbox cgroups, or why there is none. */
function pidsParent(): { dir: string; v2: boolean } | { reason: string } {
  if (read(join(CGROUP_ROOT, 'cgroup.controllers')).split(/\s+/).includes('pids'))
    return { dir: join(CGROUP_ROOT, PARENT_NAME), v2: true };
  const v1 = join(CGROUP_ROOT, 'pids');
  if (existsSync(join(v1, 'cgroup.procs'))) return { dir: join(v1, PARENT_NAME), v2: false };
  return {
    reason: `no pids cgroup controller under ${CGROUP_ROOT} (neither cgroup v2 nor the v1 pids hierarchy)`,
  };
}

/** Creates the sandbox's cgroup with its limit; never throws. */
export function createPidsLimit(sandboxId: string, max = SANDBOX_PIDS_MAX): PidsLimit {
  const parent = pidsParent();
  if ('reason' in parent) return { kind: 'unavailable', reason: parent.reason };
  const dir = join(parent.dir, sandboxId);
  try {
    mkdirSync(dir, { recursive: true });
    if (parent.v2) {
      // v2 hands a controller to children only when each ancestor's subtree_control enables it.
      appendFileSync(join(CGROUP_ROOT, 'cgroup.subtree_control'), '+pids');
      appendFileSync(join(parent.dir, 'cgroup.subtree_control'), '+pids');
    }
    writeFileSync(join(dir, 'pids.max'), String(max));
    return { kind: 'limited', max, dir };
  } catch (error) {
    removePidsLimitDir(dir);
    const reason = error instanceof Error ? error.message : String(error);
    return { kind: 'unavailable', reason: `cannot set up a pids cgroup in ${parent.dir}: ${reason}` };
  }
}

/**
 * The argv prefix that moves a program into the limit's cgroup, then execs the rest. The shell exports a PWD
 * of its own; it is dropped again unless the request's environment had one (`keepPwd`), so the program
 * gets exactly the environment it was given.
 */
export function joinPidsLimitPrefix(limit: PidsLimit, keepPwd = false): string[] {
  if (limit.kind !== 'limited') return [];
  const script = 'echo $$ > "$0" || exit 125; [ "$1" = keep-pwd ] || unset PWD; shift; exec "$@"';
  return ['sh', '-c', script, join(limit.dir, 'cgroup.procs'), keepPwd ? 'keep-pwd' : 'drop-pwd'];
}

/** Removes a sandbox's cgroup directory once it is empty; a directory already gone is fine. */
export function removePidsLimitDir(dir: string): boolean {
  try {
    rmdirSync(dir);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

/** Where the cgroup of sandbox `sandboxId` would be (for clean-up after a crash). */
export function pidsLimitDirOf(sandboxId: string): string | undefined {
  const parent = pidsParent();
  return 'reason' in parent ? undefined : join(parent.dir, sandboxId);
}
