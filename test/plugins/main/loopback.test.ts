import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CNI_VERSIONS } from '../../../src/spec/versions.ts';
import { buildPlugins, callPlugin, createNetns, sh, type TestNetns } from '../support.ts';

let bin: string;
let netns: TestNetns;

beforeAll(async () => {
  bin = await buildPlugins();
  netns = createNetns('lo');
});
afterAll(() => netns?.remove());

function loopback(command: string, config: object, env: Record<string, string> = {}) {
  return callPlugin({
    plugin: join(bin, 'loopback'),
    command,
    config,
    env: { CNI_CONTAINERID: 'c1', CNI_NETNS: netns.path, CNI_IFNAME: 'eth0', CNI_PATH: bin, ...env },
  });
}

function loIsUp(): boolean {
  const [lo] = JSON.parse(sh(['ip', '-n', netns.name, '-j', 'link', 'show', 'lo'])) as { flags: string[] }[];
  return lo?.flags.includes('UP') ?? false;
}

describe('loopback', () => {
  describe('ADD', () => {
    it.each(['0.3.1', '0.4.0', '1.0.0', '1.1.0'])('brings lo up and reports it at %s', async (version) => {
      const out = await loopback('ADD', { cniVersion: version, name: 'lo-net' });
      expect(out.exitCode).toBe(0);
      expect(loIsUp()).toBe(true);
      expect(out.json).toMatchObject({
        cniVersion: version,
        interfaces: [{ name: 'lo', mac: '00:00:00:00:00:00', sandbox: netns.path }],
      });
      expect((out.json?.ips as { address: string }[] | undefined)?.[0]?.address).toBe('127.0.0.1/8');
    });

    it.each(['0.1.0', '0.2.0'])('answers in the ip4/ip6 format at %s', async (version) => {
      const out = await loopback('ADD', { cniVersion: version, name: 'lo-net' });
      expect(out.json).toMatchObject({ cniVersion: version, ip4: { ip: '127.0.0.1/8' } });
    });

    it('passes prevResult through unchanged (P-CHAIN-1)', async () => {
      const prevResult = {
        cniVersion: '1.0.0',
        interfaces: [{ name: 'eth0', sandbox: netns.path }],
        ips: [{ address: '10.1.2.3/24', interface: 0 }],
      };
      const out = await loopback('ADD', { cniVersion: '1.0.0', name: 'lo-net', prevResult });
      expect(out.json).toEqual(prevResult);
    });

    it('fails when CNI_NETNS is not a namespace', async () => {
      const out = await loopback('ADD', { cniVersion: '1.0.0', name: 'lo-net' }, { CNI_NETNS: '/tmp' });
      expect(out.exitCode).toBe(1);
      expect(out.json).toMatchObject({ cniVersion: '1.0.0', code: 4 });
    });
  });

  describe('CHECK', () => {
    it('passes with lo up and fails with lo down', async () => {
      await loopback('ADD', { cniVersion: '1.0.0', name: 'lo-net' });
      expect(await loopback('CHECK', { cniVersion: '1.0.0', name: 'lo-net' })).toMatchObject({
        exitCode: 0,
        stdout: '',
      });
      sh(['ip', '-n', netns.name, 'link', 'set', 'lo', 'down']);
      const down = await loopback('CHECK', { cniVersion: '1.0.0', name: 'lo-net' });
      expect(down.exitCode).toBe(1);
      expect(down.json?.msg).toBe('loopback interface is down');
    });
  });

  describe('DEL', () => {
    it('brings lo down, leaves it as a fresh namespace has it (P-DEL-1), and may be repeated', async () => {
      await loopback('ADD', { cniVersion: '1.0.0', name: 'lo-net' });
      expect((await loopback('DEL', { cniVersion: '1.0.0', name: 'lo-net' })).exitCode).toBe(0);
      expect(loIsUp()).toBe(false);
      expect(sh(['ip', '-n', netns.name, 'addr', 'show', 'dev', 'lo'])).not.toContain('inet');
      const again = await loopback('ADD', { cniVersion: '1.0.0', name: 'lo-net' });
      expect((again.json?.ips as { address: string }[] | undefined)?.[0]?.address).toBe('127.0.0.1/8');
      await loopback('DEL', { cniVersion: '1.0.0', name: 'lo-net' });
      expect((await loopback('DEL', { cniVersion: '1.0.0', name: 'lo-net' })).exitCode).toBe(0);
    });

    it('succeeds when the namespace is gone or CNI_NETNS is empty (P-DEL-4)', async () => {
      const gone = await loopback(
        'DEL',
        { cniVersion: '1.0.0', name: 'lo-net' },
        { CNI_NETNS: '/var/run/netns/none' },
      );
      expect(gone.exitCode).toBe(0);
      const empty = await loopback('DEL', { cniVersion: '1.0.0', name: 'lo-net' }, { CNI_NETNS: '' });
      expect(empty.exitCode).toBe(0);
    });
  });

  describe('GC, STATUS and VERSION', () => {
    it('succeeds on GC and STATUS at 1.1.0 with no output', async () => {
      const gc = await loopback('GC', {
        cniVersion: '1.1.0',
        name: 'lo-net',
        'cni.dev/valid-attachments': [],
      });
      expect(gc).toMatchObject({ exitCode: 0, stdout: '' });
      expect(await loopback('STATUS', { cniVersion: '1.1.0', name: 'lo-net' })).toMatchObject({
        exitCode: 0,
        stdout: '',
      });
    });

    it('lists every released version', async () => {
      const out = await callPlugin({
        plugin: join(bin, 'loopback'),
        command: 'VERSION',
        config: { cniVersion: '1.1.0' },
      });
      expect(out.json).toEqual({ cniVersion: '1.1.0', supportedVersions: [...CNI_VERSIONS] });
    });
  });
});
