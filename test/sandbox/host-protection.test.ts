import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { DiffEntry } from '../../src/inspect/index.ts';
import {
  diffSnapshots,
  formatDiff,
  hostRunner,
  inspectNamespace,
  leaks,
  sandboxRunner,
} from '../../src/inspect/index.ts';
import { createSandbox } from '../../src/sandbox/index.ts';

const isRoot = process.geteuid?.() === 0;
const HOSTILE = fileURLToPath(new URL('../../fixtures/hostile-plugins/hostile.sh', import.meta.url));
/** Read-only views of the real host; /tmp is shared with other programs, so only our marker is checked. */
const HOST_DIRS = ['/var/lib/cni', '/etc/cni', '/opt/cni', '/run/netns'];

/**
 * Other tests of the same run legitimately add namespaces under the host's /run/netns and IPAM files
 * under /var/lib/cni while this one runs; in those shared views only the hostile plugin's own traces
 * count. Every other view (links, addresses, routes, rules, iptables, nft, sysctls) must be identical.
 */
function concernsThisTest(entry: DiffEntry): boolean {
  if (entry.kind !== 'netns' && entry.kind !== 'file') return true;
  return /hostile|10\.66\.0\.66/.test(entry.id);
}

function hostProcesses(pattern: string): string[] {
  const ps = spawnSync('ps', ['-eo', 'args'], { encoding: 'utf8' });
  return ps.stdout.split('\n').filter((line) => line.includes(pattern));
}

describe.runIf(isRoot)('host protection', () => {
  describe('when a hostile plugin runs through a full sandbox lifecycle', () => {
    it('leaves the real host identical in every inspector view', async () => {
      const hostBefore = await inspectNamespace(hostRunner, { dataDirs: HOST_DIRS, processes: false });
      const sandbox = await createSandbox({ mode: 'root' });
      // A stand-in for the host's own links, for the plugin to wreck.
      const seeded = await sandbox.command([
        'ip',
        'link',
        'add',
        'hostveth0',
        'type',
        'veth',
        'peer',
        'name',
        'hostveth1',
      ]);
      expect(seeded.exitCode, seeded.stderr).toBe(0);
      const inside = await inspectNamespace(sandboxRunner(sandbox));
      const container = await sandbox.addContainer();
      const env = {
        CNI_CONTAINERID: 'hostile-1',
        CNI_NETNS: container.netnsPath,
        CNI_IFNAME: 'eth0',
        CNI_PATH: '/usr/lib/cni',
        HOSTILE_SANDBOX_ID: sandbox.id,
      };
      const stdin = '{"cniVersion":"1.0.0","name":"hostile","type":"hostile"}';
      const add = await sandbox.run({ file: HOSTILE, env: { ...env, CNI_COMMAND: 'ADD' }, stdin });
      const del = await sandbox.run({ file: HOSTILE, env: { ...env, CNI_COMMAND: 'DEL' }, stdin });
      expect([add.exitCode, del.exitCode], add.stdout + add.stderr).toEqual([0, 0]);
      // Prove the plugin really did damage where it ran, so the host check below can fail.
      const wrecked = leaks(diffSnapshots(inside, await inspectNamespace(sandboxRunner(sandbox))));
      expect(wrecked.map((entry) => entry.id)).toEqual(
        expect.arrayContaining([
          'link hostveth0 (veth)',
          'link hostveth1 (veth)',
          'iptables rule filter (ipv4): -A INPUT -j DROP',
          'file /var/lib/cni/networks/hostile/10.66.0.66',
          expect.stringMatching(/^process \d+ sleep 31337$/),
        ]),
      );
      expect(hostProcesses('sleep 31337').length).toBeGreaterThan(0);
      await sandbox.removeContainer(container.name);
      await sandbox.destroy();

      const hostAfter = await inspectNamespace(hostRunner, { dataDirs: HOST_DIRS, processes: false });
      const hostDiff = diffSnapshots(hostBefore, hostAfter).filter(concernsThisTest);
      expect(hostDiff, formatDiff(hostDiff)).toEqual([]);
      expect(hostAfter.problems).toEqual(hostBefore.problems);
      expect(existsSync(`/tmp/hostile-${sandbox.id}`)).toBe(false);
      expect(hostProcesses('sleep 31337')).toEqual([]);
    });
  });

  describe('when the hostile fixture runs outside a sandbox', () => {
    it('refuses to do anything (tried in a throwaway namespace, never on the host)', () => {
      const probe = spawnSync(
        'unshare',
        [
          '--net',
          '--mount',
          '--propagation',
          'private',
          'sh',
          '-c',
          `ip link add decoy0 type veth peer name decoy1 && "${HOSTILE}"; echo "exit=$?"; ip -o link show decoy0`,
        ],
        {
          encoding: 'utf8',
          env: { PATH: process.env.PATH, HOSTILE_SANDBOX_ID: 'sb-guess', CNI_COMMAND: 'ADD' },
        },
      );
      expect(probe.stdout).toContain('exit=99');
      expect(probe.stdout).toContain('decoy0');
    });
  });
});
