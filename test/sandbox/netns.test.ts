import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { userNamespaceEntry } from '../../src/sandbox/holder.ts';
import { createSandbox, withSandbox } from '../../src/sandbox/index.ts';
import { recordedInitPid } from '../../src/sandbox/run-dir.ts';
import type { Sandbox } from '../../src/sandbox/sandbox.ts';

const isRoot = process.geteuid?.() === 0;
const sandboxes: Sandbox[] = [];

async function newSandbox(): Promise<Sandbox> {
  const sandbox = await createSandbox({ mode: 'root' });
  sandboxes.push(sandbox);
  return sandbox;
}

afterEach(async () => {
  await Promise.all(sandboxes.splice(0).map((sandbox) => sandbox.destroy()));
});

function hostProcesses(pattern: string): string[] {
  const ps = spawnSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' });
  return ps.stdout.split('\n').filter((line) => line.includes(pattern) && !line.includes('ps -eo'));
}

describe.runIf(isRoot)('createSandbox (root mode)', () => {
  describe('when created', () => {
    it('has only lo in its host namespace, and lo is up', async () => {
      const sandbox = await newSandbox();
      const links = await sandbox.command(['ip', '-json', 'link', 'show']);
      const parsed = JSON.parse(links.stdout) as { ifname: string; flags: string[] }[];
      expect(sandbox.mode).toBe('root');
      expect(parsed.map((link) => link.ifname)).toEqual(['lo']);
      expect(parsed[0]?.flags).toContain('UP');
    });

    it('keeps /var/lib/cni, /run/netns, /etc/cni/net.d, /opt/cni/bin and /tmp private', async () => {
      const sandbox = await newSandbox();
      const dirs = ['/var/lib/cni', '/run/netns', '/var/run/netns', '/etc/cni/net.d', '/opt/cni/bin', '/tmp'];
      const marker = `probe-${sandbox.id}`;
      const script = dirs.map((dir) => `touch ${dir}/${marker}`).join(' && ');
      const outcome = await sandbox.command(['sh', '-c', script]);
      expect(outcome.exitCode, outcome.stderr).toBe(0);
      for (const dir of dirs) expect(existsSync(`${dir}/${marker}`)).toBe(false);
      const other = await newSandbox();
      const seen = await other.command(['sh', '-c', `ls /var/lib/cni /tmp | grep -c ${marker} || true`]);
      expect(seen.stdout.trim()).toBe('0');
    });

    it("shows the host's /tmp files but keeps the sandbox's changes to itself", async () => {
      const hostFile = join(tmpdir(), `cni-sandbox-visible-${process.pid}`);
      writeFileSync(hostFile, 'from the host');
      try {
        const sandbox = await newSandbox();
        const outcome = await sandbox.command(['sh', '-c', `cat ${hostFile} && rm ${hostFile}`]);
        expect(outcome.stdout).toBe('from the host');
        expect(readFileSync(hostFile, 'utf8')).toBe('from the host');
      } finally {
        rmSync(hostFile, { force: true });
      }
    });

    it('keeps the upstream plugins in /usr/lib/cni visible', async () => {
      const sandbox = await newSandbox();
      const outcome = await sandbox.command(['test', '-x', '/usr/lib/cni/bridge']);
      expect(outcome.exitCode).toBe(0);
    });
  });

  describe('when a container is added', () => {
    it('gives a real nsfs mount with lo down', async () => {
      const sandbox = await newSandbox();
      const container = await sandbox.addContainer('ctr-a');
      expect(container).toEqual({ name: 'ctr-a', netnsPath: '/run/netns/ctr-a' });
      const fsType = await sandbox.command(['stat', '-f', '-c', '%T', container.netnsPath]);
      expect(fsType.stdout.trim()).toBe('nsfs');
      const links = await sandbox.command(['ip', '-json', 'link', 'show'], { container: 'ctr-a' });
      const parsed = JSON.parse(links.stdout) as { ifname: string; flags: string[] }[];
      expect(parsed.map((link) => link.ifname)).toEqual(['lo']);
      expect(parsed[0]?.flags).not.toContain('UP');
    });

    it('removes the namespace file on removeContainer', async () => {
      const sandbox = await newSandbox();
      const container = await sandbox.addContainer();
      await sandbox.removeContainer(container.name);
      const outcome = await sandbox.command(['test', '-e', container.netnsPath]);
      expect(outcome.exitCode).toBe(1);
    });
  });

  describe('when running a program', () => {
    it('passes exactly the given environment plus PATH, and the exact stdin bytes', async () => {
      const sandbox = await newSandbox();
      const stdin = '{"cniVersion":"1.0.0"}\n\u00e9';
      const outcome = await sandbox.run({
        file: '/usr/bin/env',
        env: { CNI_COMMAND: 'VERSION', CNI_PATH: '/usr/lib/cni' },
      });
      expect(outcome.stdout.trim().split('\n').sort()).toEqual([
        'CNI_COMMAND=VERSION',
        'CNI_PATH=/usr/lib/cni',
        expect.stringMatching(/^PATH=/),
      ]);
      const echoed = await sandbox.run({ file: '/bin/cat', env: {}, stdin });
      expect(echoed.stdout).toBe(stdin);
    });

    it('kills the whole process group on timeout', async () => {
      const sandbox = await newSandbox();
      const outcome = await sandbox.run({
        file: '/bin/sh',
        args: ['-c', 'sleep 876543 & sleep 876543'],
        env: {},
        timeoutMs: 300,
      });
      expect(outcome.timedOut).toBe(true);
      expect(outcome.durationMs).toBeLessThan(5_000);
      expect(hostProcesses('sleep 876543')).toEqual([]);
    });
  });

  describe('when destroyed', () => {
    it('kills processes left in the background, even in their own session', async () => {
      const sandbox = await newSandbox();
      await sandbox.run({ file: '/bin/sh', args: ['-c', 'setsid sleep 765432 >/dev/null 2>&1 &'], env: {} });
      expect(hostProcesses('sleep 765432')).toHaveLength(1);
      await sandbox.destroy();
      expect(hostProcesses('sleep 765432')).toEqual([]);
    });

    it('is done by withSandbox even when the body throws', async () => {
      let escaped: Sandbox | undefined;
      const failing = withSandbox(
        async (sandbox) => {
          escaped = sandbox;
          throw new Error('body failed');
        },
        { mode: 'root' },
      );
      await expect(failing).rejects.toThrow('body failed');
      expect(() => escaped?.command(['true'])).toThrow(/destroyed/);
    });

    it('is idempotent and refuses further use', async () => {
      const sandbox = await newSandbox();
      await Promise.all([sandbox.destroy(), sandbox.destroy()]);
      await sandbox.destroy();
      expect(() => sandbox.command(['true'])).toThrow(/destroyed/);
    });
  });

  describe('when an upstream plugin runs in it', () => {
    it('creates the bridge in the sandbox, never on the host', async () => {
      const sandbox = await newSandbox();
      const container = await sandbox.addContainer();
      const config = {
        cniVersion: '1.0.0',
        name: 'probe',
        type: 'bridge',
        bridge: 'cnisbx0',
        isGateway: true,
        ipam: { type: 'host-local', subnet: '10.99.0.0/24' },
      };
      const outcome = await sandbox.run({
        file: '/usr/lib/cni/bridge',
        env: {
          CNI_COMMAND: 'ADD',
          CNI_CONTAINERID: 'c1',
          CNI_NETNS: container.netnsPath,
          CNI_IFNAME: 'eth0',
          CNI_PATH: '/usr/lib/cni',
        },
        stdin: JSON.stringify(config),
      });
      expect(outcome.exitCode, outcome.stderr + outcome.stdout).toBe(0);
      const inSandbox = await sandbox.command(['ip', 'link', 'show', 'cnisbx0']);
      expect(inSandbox.exitCode).toBe(0);
      expect(spawnSync('ip', ['link', 'show', 'cnisbx0']).status).not.toBe(0);
      expect(existsSync('/var/lib/cni/networks/probe')).toBe(false);
    });
  });
});

/** The host PID of a sandbox's PID 1, as its run directory records it. */
function initPidOf(sandbox: Sandbox): number {
  return recordedInitPid(sandbox.id);
}

function namespaceOf(pid: number, kind: 'user' | 'net'): string {
  return readlinkSync(`/proc/${pid}/ns/${kind}`);
}

describe('createSandbox (rootless, joining another sandbox user namespace)', () => {
  it('shares that user namespace, has a network namespace of its own, and can be linked to it', async () => {
    const owner = await createSandbox({ mode: 'rootless' });
    sandboxes.push(owner);
    const joined = await createSandbox({ mode: 'rootless', userNamespaceOf: initPidOf(owner) });
    sandboxes.push(joined);
    const [ownerPid, joinedPid] = [initPidOf(owner), initPidOf(joined)];
    expect(namespaceOf(joinedPid, 'user')).toBe(namespaceOf(ownerPid, 'user'));
    expect(namespaceOf(joinedPid, 'net')).not.toBe(namespaceOf(ownerPid, 'net'));
    // From inside the shared user namespace, a veth between the two network namespaces (host PIDs name them).
    const enter = [...userNamespaceEntry(ownerPid), '--net', '--'];
    const ends = [
      'a0',
      'netns',
      String(ownerPid),
      'type',
      'veth',
      'peer',
      'name',
      'b0',
      'netns',
      String(joinedPid),
    ];
    const link = spawnSync(enter[0] as string, [...enter.slice(1), 'ip', 'link', 'add', ...ends], {
      encoding: 'utf8',
    });
    expect(link.stderr).toBe('');
    expect((await joined.command(['ip', '-o', 'link', 'show', 'b0'])).exitCode).toBe(0);
  });

  it('is refused in root mode, which makes a user namespace of its own', async () => {
    await expect(createSandbox({ mode: 'root', userNamespaceOf: process.pid })).rejects.toThrow(
      /only a rootless sandbox can join another user namespace/,
    );
  });
});
