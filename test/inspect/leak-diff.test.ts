import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { diffSnapshots, inspectNamespace, leaks, sandboxRunner } from '../../src/inspect/index.ts';
import { createSandbox } from '../../src/sandbox/index.ts';
import type { Sandbox } from '../../src/sandbox/sandbox.ts';

const isRoot = process.geteuid?.() === 0;
const LEAKY = fileURLToPath(new URL('../../fixtures/hostile-plugins/leaky-bridge.sh', import.meta.url));
const CONFIG = JSON.stringify({
  cniVersion: '1.0.0',
  name: 'leakcheck',
  type: 'bridge',
  bridge: 'cni0',
  isGateway: true,
  ipMasq: true,
  ipam: { type: 'host-local', subnet: '10.77.0.0/24' },
});

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.destroy();
});

/** Snapshots, runs ADD then DEL with `plugin`, snapshots again, and returns the leak ids. */
async function leaksOfAddDel(plugin: string): Promise<string[]> {
  sandbox = await createSandbox({ mode: 'root' });
  const container = await sandbox.addContainer();
  const before = await inspectNamespace(sandboxRunner(sandbox));
  const env = {
    CNI_CONTAINERID: 'leak-1',
    CNI_NETNS: container.netnsPath,
    CNI_IFNAME: 'eth0',
    CNI_PATH: '/usr/lib/cni',
  };
  const add = await sandbox.run({ file: plugin, env: { ...env, CNI_COMMAND: 'ADD' }, stdin: CONFIG });
  const del = await sandbox.run({ file: plugin, env: { ...env, CNI_COMMAND: 'DEL' }, stdin: CONFIG });
  expect([add.exitCode, del.exitCode], add.stderr + del.stderr).toEqual([0, 0]);
  const after = await inspectNamespace(sandboxRunner(sandbox));
  expect(after.problems).toEqual([]);
  return leaks(diffSnapshots(before, after)).map((entry) => entry.id);
}

describe.runIf(isRoot)('leak diff on real plugins', () => {
  describe('when the upstream bridge plugin runs ADD then DEL', () => {
    it('reports no leak (bridge, nat chains, forwarding and host-local lock are scaffolding)', async () => {
      expect(await leaksOfAddDel('/usr/lib/cni/bridge')).toEqual([]);
    });
  });

  describe('when a faulty plugin skips its DEL', () => {
    it('names the veth, the per-attachment chain and rules, and the IP reservation', async () => {
      const found = await leaksOfAddDel(LEAKY);
      expect(found).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^link veth\w+ \(veth, master cni0\)$/),
          expect.stringMatching(/^iptables chain CNI-\w+ in nat \(ipv4\)$/),
          expect.stringMatching(
            /^iptables rule nat \(ipv4\): -A POSTROUTING -s 10\.77\.0\.2\/32 .* -j CNI-\w+$/,
          ),
          'file /var/lib/cni/networks/leakcheck/10.77.0.2',
        ]),
      );
    });
  });

  describe('when inspecting a container namespace', () => {
    it('sees the interface and address the plugin configured there', async () => {
      sandbox = await createSandbox({ mode: 'root' });
      const container = await sandbox.addContainer();
      const env = {
        CNI_CONTAINERID: 'c-1',
        CNI_NETNS: container.netnsPath,
        CNI_IFNAME: 'eth0',
        CNI_PATH: '/usr/lib/cni',
      };
      await sandbox.run({ file: '/usr/lib/cni/bridge', env: { ...env, CNI_COMMAND: 'ADD' }, stdin: CONFIG });
      const inside = await inspectNamespace(sandboxRunner(sandbox, container.name), { dataDirs: [] });
      const eth0 = inside.links.find((link) => link.name === 'eth0');
      expect(eth0).toMatchObject({ kind: 'veth', peerNetnsId: expect.any(Number) });
      expect(inside.addresses).toContainEqual({
        ifname: 'eth0',
        family: 'inet',
        cidr: '10.77.0.2/24',
        scope: 'global',
      });
      expect(inside.routes).toContainEqual(
        expect.objectContaining({ dst: '10.77.0.0/24', dev: 'eth0', table: 'main' }),
      );
    });
  });
});
