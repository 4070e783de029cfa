import { access, readdir, readFile, readlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RuntimeAdapter } from '../../src/runtime-conformance/adapter.ts';
import { podmanCgroupParent } from '../../src/runtime-conformance/adapters/podman/host.ts';
import { podmanRunFlags } from '../../src/runtime-conformance/adapters/podman/run-args.ts';
import { createPodmanAdapter, podmanUnavailable } from '../../src/runtime-conformance/adapters/podman.ts';
import { runScenario } from '../../src/runtime-conformance/scenario.ts';
import { RUNTIME_SCENARIOS } from '../../src/runtime-conformance/scenarios/index.ts';
import { ensureSpyBinary } from './spy-binary.ts';

/**
 * podman 4.3.1 (Debian, CNI backend, libcni 1.1.x) deviations, seen through the spies:
 * - R-REQ-4: `capabilities` stays in every ADD/DEL request.
 * - R-REQ-7: authored `args` and `cni.dev/*` keys reach the plugins unchanged.
 * - R-ERR-1 (ADD): `podman run` fails with libcni's text ("plugin type=… failed (add): … <msg>"), not the code.
 * - R-ERR-1 (DEL): `podman stop` only logs a failing DEL and exits 0; it then removes the netns anyway, so the
 *   retried DEL reaches no plugin (spy-a never gets DEL; R-LIFE-4 is a MAY, so this is not judged).
 * - R-DEL-4 (del-failure, on disk): so the retried `podman stop` "succeeds" while libcni's cache file of the
 *   half-deleted attachment (/var/lib/cni/results/<net>-<podman id>-<ifname>) stays behind for good.
 * podman DELs c, b, a itself after a failed ADD (R-ADD-3 holds). Before every command it runs VERSION on each
 * plugin of every list (placeholder env) and drops a list that fails, so a missing plugin reads "network not found".
 */
const EXPECTED_STRICT_FAILURES: Readonly<Record<string, readonly string[]>> = {
  lifecycle: ['R-REQ-4'],
  'reserved-keys': ['R-REQ-7'],
  'add-failure': ['R-ERR-1'],
  'del-failure': ['R-DEL-4', 'R-ERR-1'],
};

/** Scenarios podman cannot play, and the reason each must give: podman 4.3 has no CHECK, GC or STATUS. */
const EXPECTED_SKIPS: Readonly<Record<string, RegExp>> = {
  'disabled-check': /^runtime podman cannot trigger CHECK/,
  'disabled-gc': /^runtime podman cannot trigger GC/,
  status: /^runtime podman cannot trigger STATUS/,
  gc: /^runtime podman cannot trigger GC/,
  concurrency: /^runtime podman cannot trigger GC/,
  'aggregated-plugins': /^runtime podman supports CNI up to 1\.0\.0; aggregated plugin configs/,
};

let unavailable: string | undefined;

beforeAll(async () => {
  await ensureSpyBinary();
  unavailable = await podmanUnavailable();
});

const HOST_LOCK_TABLE = '/dev/shm/libpod_lock';
const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

/** What a workspace's podman may leave on the host: its cgroup parent, processes naming it, mounts under it. */
async function hostLeftovers(workspaceRoot: string): Promise<string[]> {
  const found: string[] = [];
  const parent = podmanCgroupParent(workspaceRoot);
  for (const hierarchy of ['', ...(await readdir('/sys/fs/cgroup').catch(() => [] as string[]))]) {
    const path = join('/sys/fs/cgroup', hierarchy, parent);
    if (await exists(path)) found.push(path);
  }
  for (const pid of await readdir('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.includes(workspaceRoot)) found.push(`process ${pid}: ${cmdline.replaceAll('\0', ' ')}`);
  }
  const mounts = await readFile('/proc/mounts', 'utf8');
  found.push(...mounts.split('\n').filter((line) => line.includes(workspaceRoot)));
  return found;
}

describe('podman adapter', () => {
  describe.each(RUNTIME_SCENARIOS.map((s) => [s.name, s] as const))(
    'in the %s scenario',
    (name, scenario) => {
      it('reports exactly the known podman deviations under strict', async (ctx) => {
        if (unavailable) ctx.skip(unavailable);
        const run = await runScenario(scenario, createPodmanAdapter, { profile: 'strict' });
        // A scenario podman cannot play must say why rather than pass; every other one must run.
        const skip = EXPECTED_SKIPS[name];
        expect(run.skipped).toEqual(skip ? expect.stringMatching(skip) : undefined);
        if (run.skipped) return;
        const failing = [
          ...new Set(run.report.findings.filter((f) => f.verdict === 'fail').map((f) => f.id)),
        ].sort();
        expect(failing).toEqual(EXPECTED_STRICT_FAILURES[name] ?? []);
      }, 60_000);
    },
  );

  it('runs the plugins in its private netns, in podman netns files, and leaves nothing behind', async (ctx) => {
    if (unavailable) ctx.skip(unavailable);
    const lifecycle = RUNTIME_SCENARIOS.find((s) => s.name === 'lifecycle');
    if (!lifecycle) throw new Error('no lifecycle scenario');
    const lockBefore = await exists(HOST_LOCK_TABLE);
    let adapter: RuntimeAdapter | undefined;
    const run = await runScenario(
      lifecycle,
      async (workspace) => {
        adapter = await createPodmanAdapter(workspace);
        return adapter;
      },
      { profile: 'compat' },
    );
    const adds = run.log.invocations.filter((call) => call.env.CNI_COMMAND === 'ADD');
    expect(adds.map((call) => call.calledAs)).toEqual(['spy-a', 'spy-b', 'spy-c']);
    // podman, conmon and the plugins run in the adapter's netns, never the host's (`-p 8080:80` binds there).
    const harnessNetns = await readlink('/proc/self/ns/net');
    expect(adapter?.runtimeNetns).toMatch(/^net:\[\d+\]$/);
    expect(adapter?.runtimeNetns).not.toBe(harnessNetns);
    expect(new Set(run.log.invocations.map((call) => call.selfNetns))).toEqual(
      new Set([adapter?.runtimeNetns]),
    );
    // The cache file is named after podman's own container ID, and DEL removed it.
    const onDisk = run.report.findings.find((f) => f.id === 'R-DEL-4' && f.title.includes('seen on disk'));
    expect(onDisk?.verdict).toBe('pass');
    expect(run.log.operations.find((line) => line.op === 'ADD')?.cacheFile).toEqual({
      path: expect.stringMatching(new RegExp(`/results/[\\w-]+-${adds[0]?.env.CNI_CONTAINERID}-eth0$`)),
      present: true,
    });
    for (const call of adds) {
      expect(call.env.CNI_NETNS).toMatch(/^\/run\/netns\/netns-/);
      expect(call.netns?.isNsfs).toBe(true);
      // podman gives mac only as CNI_ARGS, never as the mac capability.
      expect(call.env.CNI_ARGS).toContain('MAC=c2:11:22:33:44:55');
    }
    expect(run.report.findings.find((f) => f.id === 'R-ENV-1')?.verdict).toBe('pass');
    expect(run.report.findings.filter((f) => f.verdict === 'warn').map((f) => f.id)).toEqual(['R-REQ-4']);
    // The spies' CNI_PATH starts with the workspace's bin dir: its parent is the (now removed) workspace.
    const workspaceRoot = dirname(adds[0]?.env.CNI_PATH?.split(':')[0] ?? '');
    expect(workspaceRoot).toMatch(/\/cnc-rt-\w+$/);
    expect(await hostLeftovers(workspaceRoot)).toEqual([]);
    // podman's shared-memory lock table lives in the private /dev/shm, not the host's.
    expect(await exists(HOST_LOCK_TABLE)).toBe(lockBefore);
  }, 60_000);
});

describe('podman run flags', () => {
  const request = { network: 'net', containerId: 'c1', netns: '', ifname: 'eth1' };

  it('maps portMappings, mac and ips to podman flags', () => {
    const flags = podmanRunFlags(
      {
        ...request,
        capabilityArgs: {
          portMappings: [{ hostPort: 8080, containerPort: 80, protocol: 'udp', hostIP: '127.0.0.1' }],
          mac: 'c2:11:22:33:44:55',
          ips: ['10.1.2.3/24'],
        },
      },
      '/parent',
    );
    expect(flags).toEqual({
      ok: true,
      value: [
        '--detach',
        '--name',
        'c1',
        '--cgroup-parent',
        '/parent',
        '--network',
        'net:interface_name=eth1,mac=c2:11:22:33:44:55,ip=10.1.2.3',
        '--publish',
        '127.0.0.1:8080:80/udp',
      ],
    });
  });

  it('refuses capability arguments podman has no flag for', () => {
    const flags = podmanRunFlags({ ...request, capabilityArgs: { bandwidth: { ingressRate: 1 } } }, '/p');
    expect(flags.ok).toBe(false);
  });
});
