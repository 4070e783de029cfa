/**
 * A SIGKILLed `cluster` run leaves nothing: its nodes and fabric are ordinary sandboxes recorded in the run
 * directory under `cluster-<run>-…` ids, whose holders die with the harness, as root and rootless (where
 * `cni-conformance clean` then removes the run directory). Needs root and `npm run build`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runsRoot } from '../../src/sandbox/index.ts';
import { parseRecordedSandbox } from '../../src/sandbox/run-dir.ts';

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
function clusterSandboxes(
  pid: number,
  count: number,
  root = runsRoot(),
): { runDir: string; pids: number[] } | undefined {
  const runDir = existsSync(root) ? readdirSync(root).find((name) => name.startsWith(`${pid}-`)) : undefined;
  if (!runDir) return undefined;
  const dir = join(root, runDir, 'sandboxes');
  const ids = existsSync(dir) ? readdirSync(dir).filter((id) => id.startsWith('cluster-')) : [];
  if (ids.length < count) return undefined;
  const pids = ids.flatMap((id) =>
    parseRecordedSandbox(readFileSync(join(dir, id), 'utf8')).map((entry) => entry.pid),
  );
  return { runDir: join(root, runDir), pids };
}

const CLUSTER = [CLI, 'cluster', '/usr/lib/cni/bridge', '--nodes', '2', '--pods-per-node', '1'];

/** Starts `argv`, SIGKILLs it once its cluster's 3 sandboxes are recorded under `root`; what it had recorded. */
async function killMidRun(argv: readonly string[], root?: string) {
  const [file = 'false', ...args] = argv;
  const child = spawn(file, args, { stdio: 'ignore' });
  const pid = child.pid ?? -1;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const found = await until(() => clusterSandboxes(pid, 3, root), 30_000);
  child.kill('SIGKILL');
  await exited;
  const survivors = await until(() => {
    const left = (found?.pids ?? []).filter(alive);
    return left.length === 0 ? left : undefined;
  }, 10_000);
  return { found, survivors };
}

describe.runIf(isRoot && existsSync(CLI))('cluster after SIGKILL', () => {
  it('leaves no node or fabric sandbox process behind', async () => {
    const { found, survivors } = await killMidRun([process.execPath, ...CLUSTER]);
    expect(found?.pids.length).toBe(6);
    expect(survivors).toEqual([]);
    if (found) rmSync(found.runDir, { recursive: true, force: true });
  });

  it('rootless: leaves no process, and `clean` run by the same user removes the run directory', async () => {
    // An unprivileged uid of this test's own (setpriv, env and node exec in turn: the pid stays the CLI's).
    const uid = 64124;
    const scratch = mkdtempSync(join(tmpdir(), 'cluster-crash-'));
    try {
      chmodSync(scratch, 0o777);
      const env = ['env', '-i', `PATH=${process.env.PATH ?? ''}`, `HOME=${scratch}`, `TMPDIR=${scratch}`];
      const asUser = ['setpriv', `--reuid=${uid}`, `--regid=${uid}`, '--clear-groups', ...env];
      const root = join(scratch, `cni-conformance-${uid}`);
      const { found, survivors } = await killMidRun([...asUser, process.execPath, ...CLUSTER], root);
      expect(found?.pids.length).toBe(6);
      expect(survivors).toEqual([]);
      const [file = 'false', ...args] = [...asUser, process.execPath, CLI, 'clean'];
      const clean = spawnSync(file, args, { encoding: 'utf8', timeout: 30_000 });
      expect(clean.stdout).toMatch(/^removed 1 run dir\(s\)/);
      expect(readdirSync(root)).toEqual([]);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }, 60_000);
});
