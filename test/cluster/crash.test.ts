/**
 * A SIGKILLed `cluster` run leaves nothing: its nodes and fabric are ordinary sandboxes recorded in the run
 * directory under `cluster-<run>-…` ids, whose holders die with the harness. Needs root and `npm run build`.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runsRoot } from '../../src/sandbox/index.ts';

const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const isRoot = process.geteuid?.() === 0;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until<T>(probe: () => T | undefined, timeoutMs: number): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return probe();
}

/** The recorded cluster sandboxes of the run owned by `pid`, once all `count` exist. */
function clusterSandboxes(pid: number, count: number): { runDir: string; pids: number[] } | undefined {
  const root = runsRoot();
  const runDir = existsSync(root) ? readdirSync(root).find((name) => name.startsWith(`${pid}-`)) : undefined;
  if (!runDir) return undefined;
  const dir = join(root, runDir, 'sandboxes');
  const ids = existsSync(dir) ? readdirSync(dir).filter((id) => id.startsWith('cluster-')) : [];
  if (ids.length < count) return undefined;
  const pids = ids.flatMap((id) => readFileSync(join(dir, id), 'utf8').trim().split(' ').map(Number));
  return { runDir: join(root, runDir), pids };
}

describe.runIf(isRoot && existsSync(CLI))('cluster after SIGKILL', () => {
  it('leaves no node or fabric sandbox process behind', async () => {
    const child = spawn(
      process.execPath,
      [CLI, 'cluster', '/usr/lib/cni/bridge', '--nodes', '2', '--pods-per-node', '1'],
      {
        stdio: 'ignore',
      },
    );
    const pid = child.pid ?? -1;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const found = await until(() => clusterSandboxes(pid, 3), 30_000);
    child.kill('SIGKILL');
    await exited;
    expect(found?.pids.length).toBe(6);
    const survivors = await until(() => {
      const left = (found?.pids ?? []).filter(alive);
      return left.length === 0 ? left : undefined;
    }, 10_000);
    expect(survivors).toEqual([]);
    if (found) rmSync(found.runDir, { recursive: true, force: true });
  });
});
