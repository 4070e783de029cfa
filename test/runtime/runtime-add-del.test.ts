import { readFile, stat } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { cacheFilePath } from '../../src/runtime/cache.ts';
import { buildNetworkList } from '../../src/runtime/network-config.ts';
import { chainingAdd, type FakeScript, failWith } from './support/fake-executor.ts';
import { useFakeRuntime } from './support/fake-runtime.ts';

const attachment = { containerId: 'ctr-1', netns: '/run/netns/ctr-1', ifname: 'eth0' };
const threePlugins = (cniVersion = '1.0.0') =>
  buildNetworkList({
    cniVersion,
    name: 'net1',
    plugins: [{ type: 'a' }, { type: 'b', name: 'bee' }, { type: 'c' }],
  });

describe('Runtime ADD and DEL', () => {
  const rig = useFakeRuntime(['a', 'b', 'c']);
  const { runtimeWith } = rig;

  describe('when every plugin succeeds', () => {
    it('runs ADD in list order and chains each result into the next prevResult', async () => {
      const { executor, runtime } = runtimeWith();
      const outcome = await runtime.addNetworkList(threePlugins(), attachment);
      expect(outcome.ok).toBe(true);
      expect(executor.sequence).toEqual(['ADD a', 'ADD b', 'ADD c']);
      expect(executor.calls[0]?.config.prevResult).toBeUndefined();
      expect(executor.calls[2]?.config.prevResult).toEqual({
        cniVersion: '1.0.0',
        interfaces: [{ name: 'a' }, { name: 'b' }],
      });
      expect(outcome.ok && outcome.result).toEqual({
        cniVersion: '1.0.0',
        interfaces: [{ name: 'a' }, { name: 'b' }, { name: 'c' }],
      });
      expect(outcome.invocations.map((entry) => entry.plugin.type)).toEqual(['a', 'b', 'c']);
    });

    it('writes a cniCacheV1 file (dir 0700, file 0600) and DEL removes it after running in reverse', async () => {
      const { executor, runtime } = runtimeWith();
      const list = threePlugins();
      const added = await runtime.addNetworkList(list, attachment);
      const file = cacheFilePath(rig.dirs.cacheDir, 'net1', attachment);
      expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({
        kind: 'cniCacheV1',
        containerId: 'ctr-1',
        config: Buffer.from(list.bytes).toString('base64'),
        ifName: 'eth0',
        networkName: 'net1',
        netns: '/run/netns/ctr-1',
        result: added.ok ? added.result : undefined,
      });
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      expect((await stat(`${rig.dirs.cacheDir}/results`)).mode & 0o777).toBe(0o700);

      const deleted = await runtime.delNetworkList(list, attachment);
      expect(deleted.ok).toBe(true);
      expect(executor.sequence.slice(3)).toEqual(['DEL c', 'DEL b', 'DEL a']);
      for (const call of executor.calls.slice(3))
        expect(call.config.prevResult).toEqual(added.ok && added.result);
      await expect(stat(file)).rejects.toThrow();
    });

    it('sends no prevResult on DEL for lists below 0.4.0', async () => {
      const { executor, runtime } = runtimeWith();
      const list = threePlugins('0.3.1');
      await runtime.addNetworkList(list, attachment);
      await runtime.delNetworkList(list, attachment);
      expect(executor.calls.slice(3).map((call) => call.config.prevResult)).toEqual([
        undefined,
        undefined,
        undefined,
      ]);
    });
  });

  describe('when a plugin fails ADD', () => {
    const failB: FakeScript = (call) =>
      call.type === 'b' && call.verb === 'ADD' ? failWith(11, 'busy') : chainingAdd(call);

    it('stops at the failing plugin, names it, then cleans up with DEL in reverse (R-ADD-3)', async () => {
      const { executor, runtime } = runtimeWith(failB);
      const outcome = await runtime.addNetworkList(threePlugins(), attachment);
      expect(outcome.ok).toBe(false);
      if (outcome.ok) return;
      expect(outcome.error).toMatchObject({ kind: 'plugin-failed', code: 11, msg: 'busy', verb: 'ADD' });
      expect(outcome.error.plugin).toEqual({ index: 1, type: 'b', name: 'bee' });
      expect(outcome.error.message).toBe('plugin type="b" name="bee" failed (add): busy');
      expect(executor.sequence).toEqual(['ADD a', 'ADD b', 'DEL c', 'DEL b', 'DEL a']);
      await expect(stat(cacheFilePath(rig.dirs.cacheDir, 'net1', attachment))).rejects.toThrow();
    });

    it('does not clean up in libcni mode, nor after code 3', async () => {
      const compat = runtimeWith(failB, { libcniCompat: true });
      await compat.runtime.addNetworkList(threePlugins(), attachment);
      expect(compat.executor.sequence).toEqual(['ADD a', 'ADD b']);
      const gone = runtimeWith((call) => (call.type === 'a' ? failWith(3, 'gone') : undefined));
      await gone.runtime.addNetworkList(threePlugins(), attachment);
      expect(gone.executor.sequence).toEqual(['ADD a']);
    });

    it('reports a missing plugin without running later plugins', async () => {
      const { executor, runtime } = runtimeWith(undefined, { libcniCompat: true });
      const list = buildNetworkList({
        cniVersion: '1.0.0',
        name: 'net1',
        plugins: [{ type: 'a' }, { type: 'zz' }, { type: 'c' }],
      });
      const outcome = await runtime.addNetworkList(list, attachment);
      expect(outcome.ok).toBe(false);
      expect(!outcome.ok && outcome.error.kind).toBe('plugin-not-found');
      expect(executor.sequence).toEqual(['ADD a']);
    });
  });

  describe('when identifiers are invalid', () => {
    it.each([
      [{ ...attachment, containerId: '' }, 3],
      [{ ...attachment, containerId: '-abc' }, 4],
      [{ ...attachment, ifname: 'a-very-long-ifname' }, 4],
      [{ ...attachment, ifname: 'eth 0' }, 4],
    ])('rejects %o with code %i before any exec', async (bad, code) => {
      const { executor, runtime } = runtimeWith();
      const outcome = await runtime.addNetworkList(threePlugins(), bad);
      expect(!outcome.ok && outcome.error).toMatchObject({ kind: 'invalid-identifier', code });
      expect(executor.calls).toEqual([]);
    });
  });

  describe('when the binary is busy being written', () => {
    it('retries "text file busy" and counts the attempts', async () => {
      let busy = 2;
      const script: FakeScript = (call) =>
        busy-- > 0 ? { exitCode: null, spawnError: 'spawn ETXTBSY' } : chainingAdd(call);
      const { runtime } = runtimeWith(script, { busyRetryDelayMs: 1 });
      const list = buildNetworkList({ cniVersion: '1.0.0', name: 'net1', plugins: [{ type: 'a' }] });
      const outcome = await runtime.addNetworkList(list, attachment);
      expect(outcome.ok).toBe(true);
      expect(outcome.invocations[0]?.attempts).toBe(3);
    });
  });
});
