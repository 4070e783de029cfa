/**
 * The hostile fixture set (fixtures/hostile-plugins): each attack runs through the sandbox API, as every
 * plugin call of a run does (the VERSION probe has its own test, probe-sandbox.test.ts). For each: the harness
 * keeps working, classifies the plugin's failure with what it did, and the real host is as it was.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type HostState, takeHostState } from '../../src/inspect/index.ts';
import { type Invocation, invokePlugin } from '../../src/runtime/invoke.ts';
import { createSandbox, OUTPUT_LIMIT_BYTES, type Sandbox } from '../../src/sandbox/index.ts';
import { formatHostDifferences, hostDamage, processesMatching } from './support/host-guard.ts';

const isRoot = process.geteuid?.() === 0;
const fixture = (name: string) =>
  fileURLToPath(new URL(`../../fixtures/hostile-plugins/${name}`, import.meta.url));
const CONFIG = '{"cniVersion":"1.0.0","name":"hostile","type":"hostile"}';

let before: HostState;
let sandbox: Sandbox | undefined;

async function attack(
  name: string,
  options: { stdin?: string; timeoutMs?: number; pidsMax?: number } = {},
): Promise<Invocation> {
  sandbox = await createSandbox({ mode: 'root', ...(options.pidsMax ? { pidsMax: options.pidsMax } : {}) });
  const container = await sandbox.addContainer();
  return invokePlugin({
    executor: sandbox,
    pluginPath: fixture(name),
    verb: 'ADD',
    env: {
      CNI_CONTAINERID: 'hostile',
      CNI_NETNS: container.netnsPath,
      CNI_IFNAME: 'eth0',
      CNI_PATH: '/usr/lib/cni',
    },
    stdin: options.stdin ?? CONFIG,
    timeoutMs: options.timeoutMs ?? 10_000,
  });
}

/** Destroys the sandbox, then proves the host kept nothing of the attack (`traces` names its marks). */
async function expectHostUntouched(traces: RegExp): Promise<void> {
  await sandbox?.destroy();
  sandbox = undefined;
  const damage = hostDamage(before, await takeHostState(), traces);
  expect(damage, formatHostDifferences(damage)).toEqual([]);
  expect(processesMatching(traces)).toEqual([]);
}

function messageOf(invocation: Invocation): string {
  return invocation.kind === 'plugin-error' ? invocation.error.msg : invocation.kind;
}

describe.runIf(isRoot)('hostile plugins', () => {
  beforeAll(async () => {
    before = await takeHostState();
  });
  afterEach(async () => {
    await sandbox?.destroy();
    sandbox = undefined;
  });
  // Should a regression let fs-writer through, its test fails; this only keeps the host clean afterwards.
  afterAll(() => {
    for (const dir of ['/etc', fileURLToPath(new URL('../..', import.meta.url))])
      rmSync(`${dir}/hostile-fs-writer`, { force: true });
    rmSync('/etc/hostile-remount-writer', { force: true });
  });

  describe('when it writes /etc, the CNI dirs, /run, /tmp and its checkout', () => {
    it('succeeds only in the private and copy-on-write dirs; /etc and the checkout are read-only', async () => {
      const invocation = await attack('fs-writer.sh');
      // A checkout under /tmp sits in the sandbox's copy-on-write /tmp: the write lands there, never on the host.
      const checkout = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');
      const checkoutVerdict = checkout.startsWith('/tmp/') ? 'written' : 'refused';
      expect(messageOf(invocation)).toMatch(
        new RegExp(
          `^fs-writer: /etc:refused /var/lib/cni:written /etc/cni/net.d:written /opt/cni/bin:written /run:written /tmp:written /\\S+:${checkoutVerdict}$`,
        ),
      );
      expect(existsSync(`${checkout}/hostile-fs-writer`), 'the write reached the host checkout').toBe(false);
      await expectHostUntouched(/hostile-fs-writer/);
    });

    it('is contained when it is a delegate (IPAM) of a sound plugin', async () => {
      sandbox = await createSandbox({ mode: 'root' });
      const container = await sandbox.addContainer();
      const config = {
        cniVersion: '1.0.0',
        name: 'hostile-delegate',
        type: 'bridge',
        bridge: 'hostile-br1',
        ipam: { type: 'fs-writer.sh' },
      };
      const invocation = await invokePlugin({
        executor: sandbox,
        pluginPath: '/usr/lib/cni/bridge',
        verb: 'ADD',
        env: {
          CNI_CONTAINERID: 'hostile-delegate',
          CNI_NETNS: container.netnsPath,
          CNI_IFNAME: 'eth0',
          CNI_PATH: fixture(''),
        },
        stdin: JSON.stringify(config),
        timeoutMs: 10_000,
      });
      expect(messageOf(invocation)).toContain('fs-writer: /etc:refused');
      await expectHostUntouched(/hostile-fs-writer|hostile-br1/);
    });
  });

  describe('when it leaves daemons (double fork, setsid, nohup)', () => {
    it('returns its result at once and its daemons die with the sandbox', async () => {
      const invocation = await attack('daemons.sh');
      expect(invocation.kind).toBe('ok');
      expect(invocation.outcome.durationMs).toBeLessThan(5_000);
      // The plugin returns at once; its forks may still be on their way up on a loaded machine.
      await expect
        .poll(() => processesMatching(/sleep 3133[89]|sleep 31340/).length, { timeout: 5_000 })
        .toBe(3);
      await expectHostUntouched(/sleep 3133[89]|sleep 31340/);
    });
  });

  describe('when it deletes links and adds links, rules, routes, iptables and nft rules', () => {
    it('wrecks only the sandbox network', async () => {
      const invocation = await attack('net-wrecker.sh');
      expect(invocation.kind).toBe('ok');
      const rules = await sandbox?.command(['ip', 'rule', 'show', 'priority', '66']);
      expect(rules?.stdout).toContain('198.51.100.9');
      await expectHostUntouched(/hostile-br0|hostile-wrecker|198\.51\.100|net-wrecker\.sh/);
    });
  });

  describe('when it leaves SysV IPC objects and renames the host', () => {
    it('makes them in the sandbox IPC and UTS namespaces, which die with it', async () => {
      // The host's view of them (src/inspect/host-state.ts) must be observable, or "untouched" proves nothing.
      for (const kind of ['shm', 'msg', 'sem']) expect(existsSync(`/proc/sysvipc/${kind}`), kind).toBe(true);
      const invocation = await attack('ipc-writer.sh');
      expect(messageOf(invocation)).toBe('ipc-writer: shm:made msg:made sem:made hostname:set');
      await expectHostUntouched(/ipc-writer\.sh/);
    });
  });

  describe('when it floods stdout and stderr with 100 MB each', () => {
    it('keeps a bounded prefix of each and reports the flood', async () => {
      const invocation = await attack('flood.sh', { timeoutMs: 20_000 });
      expect(invocation.kind).toBe('unparseable-output');
      expect(invocation.kind === 'unparseable-output' && invocation.reason).toMatch(
        /stdout flooded.*truncated/,
      );
      expect(invocation.outcome.truncated).toEqual(['stdout', 'stderr']);
      expect(invocation.outcome.stdout.length).toBe(OUTPUT_LIMIT_BYTES);
      expect(invocation.outcome.stderr.length).toBe(OUTPUT_LIMIT_BYTES);
      await expectHostUntouched(/flood\.sh|head -c 100000000/);
    });
  });

  describe('when it never reads stdin', () => {
    it('gets its error read although 4 MiB of stdin were never taken', async () => {
      const stdin = JSON.stringify({ cniVersion: '1.0.0', name: 'big', type: 'x', pad: 'p'.repeat(4 << 20) });
      const invocation = await attack('ignores-stdin.sh', { stdin });
      expect(messageOf(invocation)).toBe('ignores-stdin: closed stdin unread');
      await expectHostUntouched(/ignores-stdin\.sh/);
    });
  });

  describe('when it closes stdout and keeps running', () => {
    it('times out, and its process group is killed', async () => {
      const invocation = await attack('closes-stdout.sh', { timeoutMs: 1_500 });
      expect(invocation.kind).toBe('timed-out');
      await expectHostUntouched(/sleep 31341/);
    });
  });

  describe('when it is a fork bomb', () => {
    it('is bounded by the sandbox pids limit where the kernel offers one, and ended by the timeout', async (context) => {
      const probe = await createSandbox({ mode: 'root' });
      const limit = probe.pidsLimit;
      await probe.destroy();
      // Without a pids controller a fork bomb would take the machine: not run, and the skip says why.
      if (limit?.kind !== 'limited') return context.skip(`no pids limit: ${limit?.reason ?? 'unknown'}`);
      const invocation = await attack('fork-bomb.sh', { timeoutMs: 2_000, pidsMax: 64 });
      expect(invocation.kind).toBe('timed-out');
      const bounded = sandbox?.pidsLimit;
      const events = bounded?.kind === 'limited' ? readFileSync(`${bounded.dir}/pids.events`, 'utf8') : '';
      // The kernel refused forks at pids.max: the limit, not luck, bounded the bomb.
      expect(Number(/max (\d+)/.exec(events)?.[1])).toBeGreaterThan(0);
      await expectHostUntouched(/sleep 31342/);
    });
  });

  describe('when it tries nsenter into PID 1, before and after unmounting /proc', () => {
    it('stays in the sandbox: root only of its user namespace, it cannot join PID 1 nor unmount /proc', async () => {
      const invocation = await attack('nsenter-escape.sh');
      // PID 1's PID, IPC and UTS namespaces belong to the initial user namespace: setns into them is refused.
      expect(messageOf(invocation)).toBe(
        'nsenter-escape: as-found:nsenter-failed after-umount-proc(umount-refused):nsenter-failed',
      );
      await expectHostUntouched(/hostile-nsenter|hostile-ns0|nsenter-escape\.sh/);
    });
  });

  describe('when, as root, it remounts / and /etc read-write to write /etc', () => {
    it('is refused: it is root only of the sandbox user namespace, and the read-only host view is locked', async () => {
      const invocation = await attack('remount-writer.sh');
      expect(messageOf(invocation)).toBe(
        'remount-writer: remount-/:refused remount-/etc:refused /etc:refused',
      );
      expect(existsSync('/etc/hostile-remount-writer'), 'the write reached the host /etc').toBe(false);
      await expectHostUntouched(/hostile-remount-writer|remount-writer\.sh/);
    });
  });
});
