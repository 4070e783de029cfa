import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { type HostState, takeHostState } from '../../src/inspect/index.ts';
import { cleanRuns } from '../../src/sandbox/index.ts';
import { pidsLimitDirOf } from '../../src/sandbox/pids-limit.ts';
import { seededRandom } from '../../suites/fidelity/lib/seeded-random.ts';
import { formatHostDifferences, hostDamage, processesMatching } from './support/host-guard.ts';

const isRoot = process.geteuid?.() === 0;
const CHILD = fileURLToPath(new URL('./crash-child.ts', import.meta.url));
/** This file's own runs root: no other harness process cleans it, and its clean touches no one else's runs. */
const RUNS_ROOT = mkdtempSync('/tmp/cni-crash-runs-');
const CHILD_ENV = { ...process.env, CNI_CONFORMANCE_RUNS_ROOT: RUNS_ROOT };

interface ChildReport {
  runDir: string;
  sandboxes: { id: string; holderPid: number; initPid: number; containerNetnsInode: string }[];
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function readLink(path: string): string | undefined {
  try {
    return readlinkSync(path);
  } catch {
    return undefined;
  }
}

/** The network-namespace inode a process is in ("net:[4026532]" → "4026532"). */
function netnsInodeOf(pid: string): string | undefined {
  return /\[(\d+)\]/.exec(readLink(`/proc/${pid}/ns/net`) ?? '')?.[1];
}

/**
 * The processes in any of `inodes`, as pid → inode. Compared before and after the kill by pid, because the kernel
 * reuses a freed namespace's inode number: a sandbox another test creates meanwhile may get the same one.
 */
function processesIn(inodes: ReadonlySet<string>): Map<string, string> {
  const found = new Map<string, string>();
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    const inode = netnsInodeOf(pid);
    if (inode && inodes.has(inode)) found.set(pid, inode);
  }
  return found;
}

async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return condition();
}

function startChild(): Promise<{ pid: number; report: ChildReport }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: CHILD_ENV,
  });
  return new Promise((resolve, reject) => {
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split('\n')[0];
      if (stdout.includes('\n') && line)
        resolve({ pid: child.pid ?? -1, report: JSON.parse(line) as ChildReport });
    });
    child.once('exit', (code) => reject(new Error(`crash child exited early (${code})`)));
  });
}

const seed = Number(process.env.CRASH_SEED ?? Date.now() % 2 ** 31);
/** The kill moments are printed and replay with CRASH_SEED. */
const nextRandom = seededRandom(seed);
const sandboxIds: string[] = [];
const DAEMON = /sleep 42425$/;

/** crash-child.ts bundled once: twenty runs cannot each pay for tsx's start-up on two cores. */
const BUNDLED_CHILD = `${RUNS_ROOT}.child.mjs`;
function bundleChild(): void {
  buildSync({
    entryPoints: [CHILD],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: BUNDLED_CHILD,
    logLevel: 'error',
  });
}

/** A run that never ends (crash-child.ts `loop`), resolved once its first sandbox exists. */
function startLoop(): Promise<ChildProcess> {
  const child = spawn(process.execPath, [BUNDLED_CHILD, 'loop'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: CHILD_ENV,
  });
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      for (const [, id] of text.matchAll(/^sandbox (\S+)$/gm)) if (id) sandboxIds.push(id);
      if (text.includes('started ')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`loop child exited early (${code})`)));
  });
}

/** Starts a run, SIGKILLs it at a random moment of its loop, and waits until it is gone. */
async function killAtRandom(): Promise<number> {
  const child = await startLoop();
  const moment = Math.floor(nextRandom() * 1_200);
  await new Promise((resolve) => setTimeout(resolve, moment));
  child.removeAllListeners('exit');
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
  return moment;
}

/** Ten kills, five runs at a time: each spends most of its life starting node, and the budget is a minute. */
async function killTen(): Promise<number[]> {
  const first = await Promise.all(Array.from({ length: 5 }, killAtRandom));
  return [...first, ...(await Promise.all(Array.from({ length: 5 }, killAtRandom)))];
}

async function expectHostAsBefore(before: HostState): Promise<void> {
  // The kernel reaps a killed sandbox asynchronously; its processes are gone within moments.
  expect(await until(() => processesMatching(DAEMON).length === 0, 5_000)).toBe(true);
  expect(processesMatching(new RegExp(RUNS_ROOT))).toEqual([]);
  const damage = hostDamage(before, await takeHostState(), /cni-crash-runs|sleep 42425|crash0|10\.99\.0/);
  expect(damage, formatHostDifferences(damage)).toEqual([]);
  const cgroups = sandboxIds.map(pidsLimitDirOf).filter((dir) => dir !== undefined && existsSync(dir));
  expect(cgroups).toEqual([]);
}

afterAll(() => {
  // After a failed assertion the runs may still be there: finish them (and their cgroups) before removing the root.
  cleanRuns({ root: RUNS_ROOT });
  rmSync(RUNS_ROOT, { recursive: true, force: true });
  rmSync(BUNDLED_CHILD, { force: true });
});

describe.runIf(isRoot)('crash safety', () => {
  describe('when the harness is SIGKILLed with live sandboxes', () => {
    it('leaves no holder, no sandbox process, no namespace, and clean removes its run directory', async () => {
      const { pid, report } = await startChild();
      const pids = report.sandboxes.flatMap((sandbox) => [sandbox.holderPid, sandbox.initPid]);
      const inodes = report.sandboxes.map((sandbox) => sandbox.containerNetnsInode);
      const holderNetns = report.sandboxes.map((sandbox) => netnsInodeOf(String(sandbox.initPid)));
      expect(pids.every(alive)).toBe(true);
      const inSandboxes = processesIn(
        new Set([...inodes, ...holderNetns].filter((inode) => inode !== undefined)),
      );

      process.kill(pid, 'SIGKILL');

      expect(await until(() => !pids.some(alive), 5_000)).toBe(true);
      const ps = spawnSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).stdout;
      expect(ps).not.toContain('sleep 42424');
      const survivors = [...inSandboxes].filter(([pid, inode]) => netnsInodeOf(pid) === inode);
      expect(survivors).toEqual([]);
      expect(existsSync(report.runDir)).toBe(true);
      const cleaned = cleanRuns({ root: RUNS_ROOT });
      expect(cleaned.removedRuns).toContain(report.runDir);
      expect(cleaned.killedPids).toEqual([]);
      expect(existsSync(report.runDir)).toBe(false);
    });
  });

  describe('when a run is SIGKILLed at 20 random moments', () => {
    it('leaves a host that clean, then the next run on its own, restore exactly', async () => {
      console.log(`crash safety: seed ${seed} (replay with CRASH_SEED=${seed})`);
      bundleChild();
      const before = await takeHostState();

      const first = await killTen();
      console.log(`crash safety: killed 10 runs at ${first.join(', ')} ms after start; then \`clean\``);
      // Each run starts by removing what dead runs left, so only the last runs' directories are still there.
      const left = readdirSync(RUNS_ROOT).length;
      expect(left).toBeGreaterThan(0);
      expect(cleanRuns({ root: RUNS_ROOT }).removedRuns).toHaveLength(left);
      expect(readdirSync(RUNS_ROOT)).toEqual([]);
      await expectHostAsBefore(before);

      const second = await killTen();
      console.log(`crash safety: killed 10 more at ${second.join(', ')} ms; then a new run`);
      const stale = readdirSync(RUNS_ROOT).length;
      expect(stale).toBeGreaterThan(0);
      const nextRun = spawnSync(process.execPath, [BUNDLED_CHILD, 'next'], {
        env: CHILD_ENV,
        encoding: 'utf8',
      });
      const removed = JSON.parse(nextRun.stdout) as { removedRuns: string[] };
      expect(removed.removedRuns).toHaveLength(stale);
      expect(readdirSync(RUNS_ROOT)).toEqual([]);
      await expectHostAsBefore(before);
      console.log(`crash safety: 20 kills, ${sandboxIds.length} sandboxes made, host unchanged`);
    }, 90_000);
  });
});
