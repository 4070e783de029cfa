import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readlinkSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cleanRuns } from '../../src/sandbox/index.ts';

const isRoot = process.geteuid?.() === 0;
const CHILD = fileURLToPath(new URL('./crash-child.ts', import.meta.url));

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
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], { stdio: ['ignore', 'pipe', 'inherit'] });
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
      const cleaned = cleanRuns();
      expect(cleaned.removedRuns).toContain(report.runDir);
      expect(cleaned.killedPids).toEqual([]);
      expect(existsSync(report.runDir)).toBe(false);
    });
  });
});
