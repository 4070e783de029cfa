/**
 * `cni-conformance clean`: removes run directories whose owner process is gone, after killing any
 * sandbox holder a crashed run left behind (normally pdeathsig has already done so).
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { SANDBOX_INIT_NAME } from './holder-script.ts';
import { pidsLimitDirOf, removePidsLimitDir } from './pids-limit.ts';
import { OWNER_FILE, parseRecordedSandbox, processStartTime, runsRoot, SANDBOXES_DIR } from './run-dir.ts';

/** What {@link cleanRuns} did. */
export interface CleanReport {
  /** Run directories removed. */
  readonly removedRuns: readonly string[];
  /** Host PIDs of leftover sandbox processes that were killed. */
  readonly killedPids: readonly number[];
}

/** Options for {@link cleanRuns}. */
export interface CleanOptions {
  /** @defaultValue {@link runsRoot}() */
  readonly root?: string;
  /**
   * Also remove the run directories of this owner stamp although it is alive: the owner's run is over and its
   * workers are gone (never the calling process's own directory, which it removes on exit).
   */
  readonly ownedBy?: string;
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function ownerAlive(runDir: string, ownedBy: string | undefined): boolean {
  const stamp = (readText(join(runDir, OWNER_FILE)) ?? '').trim();
  if (ownedBy !== undefined && stamp === ownedBy.trim()) return false;
  const [pid, started] = stamp.split(' ');
  if (!pid) return false;
  return processStartTime(Number(pid)) === started;
}

/** Kills a recorded sandbox PID only if it still is a sandbox process (PIDs get reused). */
function killIfSandboxProcess(pid: number): boolean {
  const cmdline = readText(`/proc/${pid}/cmdline`)?.split('\0') ?? [];
  const isHolder = cmdline[0] === 'unshare' && cmdline.includes('--kill-child');
  const isInit = cmdline[0] === 'sh' && cmdline.at(-2) === SANDBOX_INIT_NAME;
  if (!isHolder && !isInit) return false;
  try {
    process.kill(pid, 'SIGKILL');
    return true;
  } catch {
    return false;
  }
}

/** A sandbox just killed leaves its cgroup busy until the kernel has reaped it: wait up to a second. */
function removeCgroupWhenEmpty(dir: string): void {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let attempt = 0; attempt < 50 && !removePidsLimitDir(dir); attempt += 1) Atomics.wait(pause, 0, 0, 20);
}

function killRecordedSandboxes(runDir: string): number[] {
  const killed: number[] = [];
  let names: string[] = [];
  try {
    names = readdirSync(join(runDir, SANDBOXES_DIR));
  } catch {
    return killed;
  }
  for (const name of names) {
    const recorded = parseRecordedSandbox(readText(join(runDir, SANDBOXES_DIR, name)) ?? '');
    // PID 1 first: its death takes the whole sandbox with it. A PID that started at another time than recorded
    // was reused by the kernel: maybe another live run's sandbox, which looks the same.
    for (const { pid, startTime } of recorded.reverse()) {
      const same = startTime === '' || processStartTime(pid) === startTime;
      if (pid > 0 && same && killIfSandboxProcess(pid)) killed.push(pid);
    }
    const cgroup = pidsLimitDirOf(name);
    if (cgroup) removeCgroupWhenEmpty(cgroup);
  }
  return killed;
}

/** Removes every run directory whose owner is dead; never touches a live run. */
export function cleanRuns(options: CleanOptions = {}): CleanReport {
  const root = options.root ?? runsRoot();
  const removedRuns: string[] = [];
  const killedPids: number[] = [];
  let entries: string[] = [];
  try {
    entries = readdirSync(root);
  } catch {
    return { removedRuns, killedPids };
  }
  for (const entry of entries) {
    // A hidden entry is a run directory being born (run-dir.ts), named after its creator's PID: while that
    // process lives, it is not ours to judge.
    if (entry.startsWith('.') && processStartTime(Number(entry.slice(1).split('-')[0])) !== undefined)
      continue;
    const runDir = join(root, entry);
    if (entry.startsWith(`${process.pid}-`) || ownerAlive(runDir, options.ownedBy)) continue;
    killedPids.push(...killRecordedSandboxes(runDir));
    rmSync(runDir, { recursive: true, force: true });
    removedRuns.push(runDir);
  }
  return { removedRuns, killedPids };
}

let staleRunsRemoved: CleanReport | undefined;

/**
 * What a run does before its first sandbox: finish what crashed runs left (their sandboxes and run
 * directories), once per process. Never touches a live run. Returns what it removed.
 */
export function cleanStaleRunsOnce(): CleanReport {
  staleRunsRemoved ??= cleanRuns();
  return staleRunsRemoved;
}
