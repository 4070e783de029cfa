/**
 * The one directory on the real host where a harness process keeps anything on disk: its owner PID and
 * one file per live sandbox (the holder PIDs), so `cni-conformance clean` can finish what a SIGKILLed run
 * left. Sandboxes themselves write only into their own tmpfs mounts, which vanish with them.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HarnessError } from '../errors.ts';

/** File in a run directory holding the PID and start time of the process that owns it. */
export const OWNER_FILE = 'owner';
/** Subdirectory holding one `<sandbox id>` file per live sandbox: `<holder pid> <init pid>`. */
export const SANDBOXES_DIR = 'sandboxes';

/** Overrides {@link runsRoot} (tests use a private root, never the one other runs share). */
export const RUNS_ROOT_ENV = 'CNI_CONFORMANCE_RUNS_ROOT';
/** "<pid> <start time>" of the process owning the run (the CLI); its vitest workers inherit it. */
export const RUN_OWNER_ENV = 'CNI_CONFORMANCE_RUN_OWNER';

/**
 * Where run directories live: $CNI_CONFORMANCE_RUNS_ROOT if set, else /run/cni-conformance as root, else under
 * $XDG_RUNTIME_DIR (or the temp directory) so an unprivileged user can write and clean it.
 */
export function runsRoot(env: NodeJS.ProcessEnv = process.env): string {
  const override = env[RUNS_ROOT_ENV];
  if (override) return override;
  if (process.geteuid?.() === 0) return '/run/cni-conformance';
  const base = env.XDG_RUNTIME_DIR ?? tmpdir();
  return join(base, `cni-conformance-${process.geteuid?.() ?? 'user'}`);
}

/** Start time of a process (field 22 of /proc/PID/stat), to tell a live owner from a reused PID. */
export function processStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const afterComm = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return afterComm[19];
  } catch {
    return undefined;
  }
}

/** The owner line of a run directory for `pid`. */
export function ownerStamp(pid: number = process.pid): string {
  return `${pid} ${processStartTime(pid) ?? ''}`;
}

/**
 * Makes this process the owner of the run directories its children (vitest workers) create: a worker killed at the
 * end of the run cannot remove its own, so the owner does ({@link cleanRuns} with `ownedBy`). Returns the stamp.
 */
export function claimRunOwnership(): string {
  const stamp = ownerStamp();
  process.env[RUN_OWNER_ENV] = stamp;
  return stamp;
}

let current: string | undefined;

/** This process's run directory, created on first use. */
export function currentRunDir(): string {
  if (current) return current;
  const name = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const dir = join(runsRoot(), name);
  // Made under a hidden name and renamed once it names its owner: a concurrent clean (every run starts
  // with one) must never see an ownerless, hence "dead", run directory that is in fact being born.
  const draft = join(runsRoot(), `.${name}`);
  mkdirSync(join(draft, SANDBOXES_DIR), { recursive: true, mode: 0o700 });
  writeFileSync(join(draft, OWNER_FILE), `${process.env[RUN_OWNER_ENV] ?? ownerStamp()}\n`);
  renameSync(draft, dir);
  current = dir;
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * Records a live sandbox's holder so `clean` can kill it if this process dies without destroying it. Each PID
 * with its start time: once the kernel reuses a PID (pid_max can be as low as 32768), the bare number names
 * another process, perhaps another run's sandbox.
 */
export function recordSandbox(id: string, holderPid: number, initPid: number): void {
  const stamp = (pid: number) => `${pid}:${processStartTime(pid) ?? ''}`;
  writeFileSync(join(currentRunDir(), SANDBOXES_DIR, id), `${stamp(holderPid)} ${stamp(initPid)}\n`);
}

/** The processes a sandbox file records (holder, then PID 1), each with its start time ('' when unknown). */
export function parseRecordedSandbox(text: string): { pid: number; startTime: string }[] {
  return text
    .trim()
    .split(' ')
    .map((word) => {
      const [pid = '', startTime = ''] = word.split(':');
      return { pid: Number(pid), startTime };
    });
}

/** The host PID of a live sandbox's PID 1 (its namespaces), as {@link recordSandbox} wrote it; throws when none is. */
export function recordedInitPid(id: string): number {
  const recorded = readFileSync(join(currentRunDir(), SANDBOXES_DIR, id), 'utf8');
  const initPid = parseRecordedSandbox(recorded)[1]?.pid ?? 0;
  if (!(initPid > 0)) {
    throw new HarnessError('CNI_CONFORMANCE_SANDBOX_FAILED', `sandbox ${id} has no recorded PID`);
  }
  return initPid;
}

/** Forgets a destroyed sandbox. */
export function forgetSandbox(id: string): void {
  if (current) rmSync(join(current, SANDBOXES_DIR, id), { force: true });
}
