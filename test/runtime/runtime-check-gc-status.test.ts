import { readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { buildNetworkList } from '../../src/runtime/network-config.ts';
import { chainingAdd, type FakeScript, failWith, printJson } from './support/fake-executor.ts';
import { useFakeRuntime } from './support/fake-runtime.ts';

const attachment = (containerId: string) => ({
  containerId,
  netns: `/run/netns/${containerId}`,
  ifname: 'eth0',
});
const list = (fields: Record<string, unknown> = {}) =>
  buildNetworkList({
    cniVersion: '1.1.0',
    name: 'net1',
    plugins: [{ type: 'a' }, { type: 'b' }, { type: 'c' }],
    ...fields,
  });

describe('Runtime CHECK, GC and STATUS', () => {
  const rig = useFakeRuntime(['a', 'b', 'c']);
  const { runtimeWith } = rig;

  describe('CHECK', () => {
    it('runs in list order with the cached ADD result as prevResult', async () => {
      const { executor, runtime } = runtimeWith();
      const added = await runtime.addNetworkList(list(), attachment('x'));
      const checked = await runtime.checkNetworkList(list(), attachment('x'));
      expect(checked.ok).toBe(true);
      expect(executor.sequence.slice(3)).toEqual(['CHECK a', 'CHECK b', 'CHECK c']);
      for (const call of executor.calls.slice(3))
        expect(call.config.prevResult).toEqual(added.ok && added.result);
    });

    it('refuses an attachment without a cached result, unless in libcni mode', async () => {
      const strict = runtimeWith();
      const outcome = await strict.runtime.checkNetworkList(list(), attachment('never'));
      expect(!outcome.ok && outcome.error).toMatchObject({ kind: 'not-added', code: 3 });
      expect(strict.executor.calls).toEqual([]);
      const compat = runtimeWith(undefined, { libcniCompat: true });
      expect((await compat.runtime.checkNetworkList(list(), attachment('never'))).ok).toBe(true);
      expect(compat.executor.calls[0]?.config.prevResult).toBeUndefined();
    });

    it('is refused below 0.4.0 and skipped by disableCheck (also the string "true")', async () => {
      const { executor, runtime } = runtimeWith();
      const old = await runtime.checkNetworkList(list({ cniVersion: '0.3.1' }), attachment('x'));
      expect(!old.ok && old.error).toMatchObject({ kind: 'incompatible-version', code: 1 });
      const disabled = await runtime.checkNetworkList(list({ disableCheck: 'true' }), attachment('x'));
      expect(disabled).toMatchObject({ ok: true, skipped: 'disableCheck' });
      expect(executor.calls).toEqual([]);
    });
  });

  describe('GC', () => {
    it('deletes stale cached attachments, then GCs every plugin with both attachment keys', async () => {
      const { executor, runtime } = runtimeWith();
      await runtime.addNetworkList(list(), attachment('keep'));
      await runtime.addNetworkList(list(), attachment('stale'));
      executor.calls.length = 0;
      const outcome = await runtime.gcNetworkList(list(), [{ containerID: 'keep', ifname: 'eth0' }]);
      expect(outcome.ok).toBe(true);
      expect(executor.sequence).toEqual(['DEL c', 'DEL b', 'DEL a', 'GC a', 'GC b', 'GC c']);
      expect(executor.calls[0]?.env.CNI_CONTAINERID).toBe('stale');
      const gc = executor.calls[3]?.config ?? {};
      expect(gc['cni.dev/valid-attachments']).toEqual([{ containerID: 'keep', ifname: 'eth0' }]);
      expect(gc['cni.dev/attachments']).toEqual(gc['cni.dev/valid-attachments']);
      expect(executor.calls[3]?.env).toEqual({ CNI_COMMAND: 'GC', CNI_PATH: rig.dirs.binDir });
      expect(await readdir(`${rig.dirs.cacheDir}/results`)).toEqual(['net1-keep-eth0']);
    });

    it('collects errors without stopping the loop', async () => {
      const script: FakeScript = (call) =>
        call.verb === 'GC' && call.type !== 'b' ? failWith(999, `${call.type} broke`) : chainingAdd(call);
      const { executor, runtime } = runtimeWith(script);
      const outcome = await runtime.gcNetworkList(list(), []);
      expect(executor.sequence).toEqual(['GC a', 'GC b', 'GC c']);
      expect(!outcome.ok && outcome.errors.map((error) => error.msg)).toEqual(['a broke', 'c broke']);
    });

    it('only deletes stale attachments below 1.1.0, and does nothing with disableGC', async () => {
      const { executor, runtime } = runtimeWith();
      await runtime.addNetworkList(list({ cniVersion: '1.0.0' }), attachment('stale'));
      executor.calls.length = 0;
      expect(await runtime.gcNetworkList(list({ cniVersion: '1.0.0', disableGC: true }), [])).toMatchObject({
        ok: true,
        skipped: 'disableGC',
      });
      expect(executor.calls).toEqual([]);
      expect(await runtime.gcNetworkList(list({ cniVersion: '1.0.0' }), [])).toMatchObject({
        ok: true,
        skipped: 'version',
      });
      expect(executor.sequence).toEqual(['DEL c', 'DEL b', 'DEL a']);
    });
  });

  describe('STATUS', () => {
    it('stops at the first error and is skipped below 1.1.0', async () => {
      const { executor, runtime } = runtimeWith((call) =>
        call.type === 'b' ? failWith(50, 'not ready') : undefined,
      );
      const outcome = await runtime.getStatusNetworkList(list());
      expect(!outcome.ok && outcome.error).toMatchObject({ code: 50, plugin: { type: 'b' } });
      expect(executor.sequence).toEqual(['STATUS a', 'STATUS b']);
      expect(executor.calls[0]?.config).toEqual({ type: 'a', name: 'net1', cniVersion: '1.1.0' });
      expect(await runtime.getStatusNetworkList(list({ cniVersion: '1.0.0' }))).toMatchObject({
        ok: true,
        skipped: 'version',
      });
    });
  });

  describe('VERSION probing', () => {
    it('picks the highest candidate every plugin reports, probing each binary once', async () => {
      const script: FakeScript = (call) => {
        if (call.verb !== 'VERSION') return chainingAdd(call);
        return printJson({
          cniVersion: '1.1.0',
          supportedVersions: call.type === 'b' ? ['0.4.0', '1.0.0'] : ['0.4.0', '1.0.0', '1.1.0'],
        });
      };
      const { executor, runtime } = runtimeWith(script, { probeVersions: true });
      const probing = list({ cniVersion: '0.4.0', cniVersions: ['1.0.0', '1.1.0', '9.9.9'] });
      const outcome = await runtime.addNetworkList(probing, attachment('x'));
      expect(outcome.cniVersion).toBe('1.0.0');
      await runtime.delNetworkList(probing, attachment('x'));
      expect(executor.sequence.filter((entry) => entry.startsWith('VERSION'))).toHaveLength(3);
      expect(executor.calls[0]?.env).toEqual({ CNI_COMMAND: 'VERSION' });
      expect(executor.calls[3]?.config.cniVersion).toBe('1.0.0');
    });
  });
});
