/**
 * `cni-conformance clean`: removes run directories whose owner process is gone, after killing any
 * sandbox holder a crashed run left behind (normally pdeathsig has already done so).
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { SANDBOX_INIT_NAME } from './holder-script.ts';
import { pidsLimitDirOf, removePidsLimitDir } from './pids-limit.ts';
import { OWNER_FILE, processStartTime, runsRoot, SANDBOXES_DIR } from './run-dir.ts';

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
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function ownerAlive(runDir: string): boolean {
  const [pid, started] = (readText(join(runDir, OWNER_FILE)) ?? '').trim().split(' ');
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

function killRecordedSandboxes(runDir: string): number[] {
  const killed: number[] = [];
  let names: string[] = [];
  try {
    names = readdirSync(join(runDir, SANDBOXES_DIR));
  } catch {
    return killed;
  }
  for (const name of names) {
    const pids = (readText(join(runDir, SANDBOXES_DIR, name)) ?? '').trim().split(' ').map(Number);
    // PID 1 first: its death takes the whole sandbox with it.
    for (const pid of pids.reverse()) if (pid > 0 && killIfSandboxProcess(pid)) killed.push(pid);
    // The sandbox's pids cgroup; still busy for a moment if we just killed it (the next clean removes it).
    const cgroup = pidsLimitDirOf(name);
    if (cgroup) removePidsLimitDir(cgroup);
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
    const runDir = join(root, entry);
    if (ownerAlive(runDir)) continue;
    killedPids.push(...killRecordedSandboxes(runDir));
    rmSync(runDir, { recursive: true, force: true });
    removedRuns.push(runDir);
  }
  return { removedRuns, killedPids };
}
