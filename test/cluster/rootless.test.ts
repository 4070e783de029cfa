/**
 * `cni-conformance cluster` as an unprivileged user: every namespace of the run in one user namespace of its
 * own, the matrix as with root, and the host as it was. Where the kernel gives the user no user namespace, one
 * line and exit 2. Needs root (to become an unprivileged user, as test/sandbox/rootless.test.ts does) and
 * `npm run build`.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HostState, takeHostState } from '../../src/inspect/index.ts';
import { formatHostDifferences, hostDamage } from '../sandbox/support/host-guard.ts';

const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const isRoot = process.geteuid?.() === 0;
/** An unprivileged uid no one else on this machine uses: its processes are this test's. */
const USER = 64123;
/** The outer uid of the user namespace that simulates a kernel without user namespaces (it maps 0..65535). */
const SIMULATION_BASE = 200_000;
const RUN_TIMEOUT_MS = 120_000;

interface Finished {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function finished(child: ChildProcess): Promise<Finished> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve) => child.once('close', (status) => resolve({ status, stdout, stderr })));
}

/** argv run as `uid` with a bare environment whose home and temp directory are `scratch`. */
function asUser(uid: number, scratch: string, argv: readonly string[]): string[] {
  const env = ['env', '-i', `PATH=${process.env.PATH ?? ''}`, `HOME=${scratch}`, `TMPDIR=${scratch}`];
  return ['setpriv', `--reuid=${uid}`, `--regid=${uid}`, '--clear-groups', ...env, ...argv];
}

function run(argv: readonly string[]): Promise<Finished> {
  const [file = 'false', ...args] = argv;
  return finished(spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'] }));
}

/** True when the kernel lets `uid` make a vxlan device in a user namespace of its own. */
function vxlanAllowed(uid: number, scratch: string): boolean {
  const probe = ['unshare', '--user', '--map-root-user', '--net'];
  const add = ['ip', 'link', 'add', 'probe0', 'type', 'vxlan', 'id', '1', 'dstport', '8472'];
  const [file = 'false', ...args] = asUser(uid, scratch, [...probe, ...add]);
  return spawnSync(file, args).status === 0;
}

/**
 * Runs `argv` (as root of a fresh user namespace mapping 0..65535 to SIMULATION_BASE on) after setting that
 * namespace's user.max_user_namespaces to 0: the kernel then really refuses every user namespace below it,
 * as it does on a machine where they are switched off. The maps are written from here once the namespace
 * exists; its shell re-execs to take up the capabilities they give.
 */
async function withoutUserNamespaces(argv: readonly string[]): Promise<Finished> {
  const inner = 'echo 0 > /proc/sys/user/max_user_namespaces && exec "$@"';
  const outer = `echo ready; read -r _; exec sh -c '${inner}' sh "$@"`;
  const base = SIMULATION_BASE;
  const child = spawn(
    'setpriv',
    [
      `--reuid=${base}`,
      `--regid=${base}`,
      '--clear-groups',
      'unshare',
      '--user',
      'sh',
      '-c',
      outer,
      'sh',
      ...argv,
    ],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  const done = finished(child);
  await new Promise<void>((resolve) => {
    const onData = (chunk: Buffer) => {
      if (!chunk.toString().includes('ready')) return;
      child.stdout?.off('data', onData);
      resolve();
    };
    child.stdout?.on('data', onData);
    child.once('close', () => resolve());
  });
  for (const map of ['uid_map', 'gid_map']) writeFileSync(`/proc/${child.pid}/${map}`, `0 ${base} 65536\n`);
  child.stdin?.end('go\n');
  const result = await done;
  return { ...result, stdout: result.stdout.replace(/^ready\n/, '') };
}

function processesOf(uid: number): string[] {
  const ps = spawnSync('ps', ['-u', String(uid), '-o', 'pid=,args='], { encoding: 'utf8' });
  return ps.stdout.split('\n').filter((line) => line.trim());
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe.runIf(isRoot && existsSync(CLI))('cni-conformance cluster as an unprivileged user', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'cluster-rootless-'));
  const reports = join(scratch, 'reports');
  let hostBefore: HostState;

  beforeAll(async () => {
    chmodSync(scratch, 0o777);
    hostBefore = await takeHostState();
  }, 60_000);
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  const cluster = (args: readonly string[]) =>
    run(asUser(USER, scratch, [process.execPath, CLI, 'cluster', '/usr/lib/cni/bridge', ...args]));

  function expectFullPass(outcome: Finished): void {
    expect(outcome.stderr).toBe('');
    expect(outcome.stdout).toMatch(/✓ 72\/72 cells pass, 3\/3 nodes clean after DEL/);
    expect(outcome.status).toBe(0);
    const junit = readFileSync(join(reports, 'cni-conformance-cluster.junit.xml'), 'utf8');
    expect(junit.match(/<testcase /g)?.length).toBe(75); // 72 cells + 3 leak checks
    expect(junit).not.toMatch(/<failure|<skipped|<error/);
  }

  it(
    'passes the 3 × 2 host-gw matrix with the upstream bridge',
    async () => {
      expectFullPass(await cluster(['--mode', 'host-gw', '--report-dir', reports]));
    },
    RUN_TIMEOUT_MS,
  );

  it(
    'passes the 3 × 2 vxlan matrix, or stops at set-up where the kernel refuses vxlan in a user namespace',
    async () => {
      const outcome = await cluster(['--mode', 'vxlan', '--report-dir', reports]);
      if (vxlanAllowed(USER, scratch)) {
        expectFullPass(outcome);
      } else {
        // Never a pass: no cell is probed, one line says what the kernel refused.
        expect(outcome.status).toBe(2);
        expect(outcome.stderr).toMatch(/vxlan VTEP.* failed: .*rootless, the kernel may refuse this/);
      }
    },
    RUN_TIMEOUT_MS,
  );

  it('leaves the host as it was: no process, run directory, link, route, rule or mount', async () => {
    const damage = hostDamage(
      hostBefore,
      await takeHostState(),
      new RegExp(`cluster-[0-9a-f]{6}-|node\\d+-pod\\d+|${USER}|${escapeRegExp(scratch)}`),
      // Root cluster tests in other files run the same pod names meanwhile: this run's processes are those of its
      // uid, checked below, and an unprivileged run can neither start nor end a process under another uid.
    ).filter((entry) => entry.kind !== 'process');
    expect(formatHostDifferences(damage)).toBe('');
    expect(processesOf(USER)).toEqual([]);
    const runsRoot = join(scratch, `cni-conformance-${USER}`);
    expect(existsSync(runsRoot) ? readdirSync(runsRoot) : []).toEqual([]);
  }, 60_000);

  it(
    'exits 2 with one line naming the switch where the kernel gives the user no user namespace',
    async () => {
      // USER inside the simulation's namespace (SIMULATION_BASE + USER on the host).
      const outcome = await withoutUserNamespaces(
        asUser(USER, scratch, [process.execPath, CLI, 'cluster', '/usr/lib/cni/bridge']),
      );
      expect(outcome.stdout).toBe('');
      expect(outcome.stderr.trim().split('\n')).toHaveLength(1);
      expect(outcome.stderr).toMatch(
        /unprivileged user namespaces are disabled \(user\.max_user_namespaces=0\) — run `sudo sysctl -w user\.max_user_namespaces=15000`, or run as root/,
      );
      expect(outcome.status).toBe(2);
    },
    RUN_TIMEOUT_MS,
  );
});
