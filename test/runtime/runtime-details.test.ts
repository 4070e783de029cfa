import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheFilePath } from '../../src/runtime/cache.ts';
import type { InvocationEvent } from '../../src/runtime/context.ts';
import { buildNetworkList } from '../../src/runtime/network-config.ts';
import { chainingAdd, type FakeScript, printJson } from './support/fake-executor.ts';
import { useFakeRuntime } from './support/fake-runtime.ts';

const attachment = { containerId: 'ctr-9', netns: '/run/netns/ctr-9', ifname: 'eth0' };

describe('Runtime details', () => {
  const rig = useFakeRuntime(['a', 'b', 'extra']);
  const { runtimeWith } = rig;

  describe('when a plugin answers in another version', () => {
    it('converts its result to the list version before passing it on as prevResult (R-REQ-8)', async () => {
      const old: FakeScript = (call) =>
        call.type === 'a' && call.verb === 'ADD'
          ? printJson({ cniVersion: '0.4.0', ips: [{ version: '4', address: '10.1.0.5/24' }], dns: {} })
          : chainingAdd(call);
      const { executor, runtime } = runtimeWith(old);
      const list = buildNetworkList({
        cniVersion: '1.0.0',
        name: 'n',
        plugins: [{ type: 'a' }, { type: 'b' }],
      });
      const outcome = await runtime.addNetworkList(list, attachment);
      expect(outcome.ok).toBe(true);
      expect(executor.calls[1]?.config.prevResult).toMatchObject({
        cniVersion: '1.0.0',
        ips: [{ address: '10.1.0.5/24' }],
      });
      expect(JSON.stringify(executor.calls[1]?.config.prevResult)).not.toContain('"version"');
    });

    it('fails ADD when a result cannot be converted (no address for 0.2.0)', async () => {
      const { executor, runtime } = runtimeWith(
        (call) => printJson({ cniVersion: '1.0.0', interfaces: [{ name: call.type }] }),
        { delOnAddFailure: false },
      );
      const list = buildNetworkList({
        cniVersion: '0.2.0',
        name: 'n',
        plugins: [{ type: 'a' }, { type: 'b' }],
      });
      const outcome = await runtime.addNetworkList(list, attachment);
      expect(!outcome.ok && outcome.error).toMatchObject({ kind: 'invalid-result', plugin: { type: 'a' } });
      expect(executor.sequence).toEqual(['ADD a']);
    });
  });

  describe('when the cache file is unreadable', () => {
    it('deletes it and runs DEL without prevResult (R-DEL-5)', async () => {
      const { executor, runtime } = runtimeWith();
      const list = buildNetworkList({ cniVersion: '1.0.0', name: 'n', plugins: [{ type: 'a' }] });
      await mkdir(join(rig.dirs.cacheDir, 'results'), { recursive: true });
      await writeFile(cacheFilePath(rig.dirs.cacheDir, 'n', attachment), '{not json');
      const outcome = await runtime.delNetworkList(list, attachment);
      expect(outcome.ok).toBe(true);
      expect(executor.calls[0]?.config).not.toHaveProperty('prevResult');
    });
  });

  describe('with aggregated plugins loaded from the conf dir', () => {
    it('invokes them after the inlined plugins on ADD and first on DEL (R-CFG-4)', async () => {
      await writeFile(
        join(rig.dirs.confDir, '10.conflist'),
        JSON.stringify({ cniVersion: '1.0.0', name: 'agg', plugins: [{ type: 'a' }, { type: 'b' }] }),
      );
      await mkdir(join(rig.dirs.confDir, 'agg'));
      await writeFile(join(rig.dirs.confDir, 'agg', 'x.conf'), JSON.stringify({ type: 'extra' }));
      const { executor, runtime } = runtimeWith();
      const list = await runtime.loadNetworkList(rig.dirs.confDir, 'agg');
      await runtime.addNetworkList(list, attachment);
      await runtime.delNetworkList(list, attachment);
      expect(executor.sequence).toEqual(['ADD a', 'ADD b', 'ADD extra', 'DEL extra', 'DEL b', 'DEL a']);
    });
  });

  describe('the onInvocation hook', () => {
    it('sees every call as it finishes, tagged with network and operation', async () => {
      const events: InvocationEvent[] = [];
      const { runtime } = runtimeWith(undefined, { onInvocation: (event) => events.push(event) });
      const list = buildNetworkList({
        cniVersion: '1.1.0',
        name: 'n',
        plugins: [{ type: 'a' }, { type: 'b' }],
      });
      await runtime.addNetworkList(list, attachment);
      await runtime.gcNetworkList(list, []);
      expect(
        events.map((event) => `${event.operation}:${event.invocation.verb} ${event.plugin.type}`),
      ).toEqual(['ADD:ADD a', 'ADD:ADD b', 'GC:DEL b', 'GC:DEL a', 'GC:GC a', 'GC:GC b']);
      expect(events.every((event) => event.network === 'n')).toBe(true);
    });
  });

  describe('in libcni mode', () => {
    it('keeps `capabilities`, sends all six CNI_* variables and placeholder VERSION env', async () => {
      const script: FakeScript = (call) =>
        call.verb === 'VERSION'
          ? printJson({ cniVersion: '1.1.0', supportedVersions: ['1.0.0'] })
          : chainingAdd(call);
      const { executor, runtime } = runtimeWith(script, { libcniCompat: true, probeVersions: true });
      const list = buildNetworkList({
        cniVersion: '1.0.0',
        name: 'n',
        plugins: [{ type: 'a', capabilities: { mac: true } }],
      });
      await runtime.getStatusNetworkList(list);
      await runtime.addNetworkList(list, { ...attachment, capabilityArgs: { mac: 'c2:11:22:33:44:55' } });
      expect(executor.calls[0]?.env).toEqual({
        CNI_COMMAND: 'VERSION',
        CNI_NETNS: 'dummy',
        CNI_IFNAME: 'dummy',
        CNI_PATH: 'dummy',
      });
      expect(executor.calls[1]?.config.capabilities).toEqual({ mac: true });
      expect(Object.keys(executor.calls[1]?.env ?? {}).sort()).toEqual([
        'CNI_ARGS',
        'CNI_COMMAND',
        'CNI_CONTAINERID',
        'CNI_IFNAME',
        'CNI_NETNS',
        'CNI_PATH',
      ]);
    });
  });
});

describe('Runtime cache queries and timeouts', () => {
  const rig = useFakeRuntime(['a']);
  const { runtimeWith } = rig;

  it('returns the cached attachment, result and config bytes of an ADD, and nothing after DEL', async () => {
    const { runtime } = runtimeWith();
    const list = buildNetworkList({ cniVersion: '1.0.0', name: 'n', plugins: [{ type: 'a' }] });
    const added = {
      ...attachment,
      cniArgs: [['K', 'v']] as const,
      capabilityArgs: { mac: 'c2:11:22:33:44:55' },
    };
    const outcome = await runtime.addNetworkList(list, added);
    expect(await runtime.getCachedAttachment('n', 'ctr-9', 'eth0')).toEqual({
      attachment: added,
      result: outcome.ok ? outcome.result : undefined,
      configBytes: list.bytes,
    });
    await runtime.delNetworkList(list, attachment);
    expect(await runtime.getCachedAttachment('n', 'ctr-9', 'eth0')).toBeUndefined();
  });

  it('reports a plugin killed by the timeout as a failure of that plugin', async () => {
    const { executor, runtime } = runtimeWith(() => ({ exitCode: null, signal: 'SIGKILL', timedOut: true }), {
      timeoutMs: 50,
    });
    const list = buildNetworkList({ cniVersion: '1.0.0', name: 'n', plugins: [{ type: 'a' }] });
    const outcome = await runtime.addNetworkList(list, attachment);
    expect(executor.calls[0]?.request.timeoutMs).toBe(50);
    expect(!outcome.ok && outcome.error.message).toBe(
      'plugin type="a" failed (add): plugin timed out and was killed',
    );
  });
});
