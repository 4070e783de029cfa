/**
 * The runtime driving the upstream loopback plugin (Debian 1.1.1) in a sandbox container: ADD, CHECK, DEL, and
 * the GC/STATUS version gate (1.1.1 supports versions up to 1.0.0 only).
 */
import { describe, expect, it } from 'vitest';
import { buildNetworkList } from '../../src/runtime/network-config.ts';
import { Runtime } from '../../src/runtime/runtime.ts';
import { useSandboxedRuntime } from './support/sandboxed-runtime.ts';
import {
  cacheFileExists,
  expectOk,
  ipJson,
  libcniCacheKeys,
  readCacheFile,
  UPSTREAM_CNI_PATH,
} from './support/upstream.ts';

describe('Runtime with the upstream loopback plugin', () => {
  const rig = useSandboxedRuntime();
  const list = buildNetworkList({ cniVersion: '1.0.0', name: 'lo-net', plugins: [{ type: 'loopback' }] });
  const attachment = () => ({ containerId: 'lo-ctr', netns: rig.container.netnsPath, ifname: 'eth0' });
  const loFlags = async () =>
    ((await ipJson(rig.sandbox, ['link', 'show', 'lo'], rig.container.name))[0]?.flags ?? []) as string[];

  it('ADD brings lo up, returns its result and caches it in libcni’s cniCacheV1 shape', async () => {
    const outcome = await rig.runtime.addNetworkList(list, attachment());
    expectOk(outcome);
    expect(await loFlags()).toContain('UP');
    expect(outcome.ok && outcome.result).toMatchObject({
      cniVersion: '1.0.0',
      interfaces: [{ name: 'lo', mac: '00:00:00:00:00:00', sandbox: rig.container.netnsPath }],
    });
    const cache = await readCacheFile(rig.dirs.cacheDir, 'lo-net', attachment());
    expect(cache.mode).toBe(0o600);
    expect(Object.keys(cache.json)).toEqual(libcniCacheKeys({ cniArgs: false, capabilityArgs: false }));
    expect(cache.json).toEqual({
      kind: 'cniCacheV1',
      containerId: 'lo-ctr',
      config: Buffer.from(list.bytes).toString('base64'),
      ifName: 'eth0',
      networkName: 'lo-net',
      netns: rig.container.netnsPath,
      result: outcome.ok ? outcome.result : undefined,
    });
  });

  it('CHECK passes with the cached result as prevResult', async () => {
    const outcome = await rig.runtime.checkNetworkList(list, attachment());
    expectOk(outcome);
    const sent = JSON.parse(outcome.invocations[0]?.invocation.request.stdin ?? '{}') as Record<
      string,
      unknown
    >;
    expect(sent.prevResult).toEqual(
      (await readCacheFile(rig.dirs.cacheDir, 'lo-net', attachment())).json.result,
    );
  });

  it('GC and STATUS are gated by version at 1.0.0: only the stale-attachment DEL part of GC exists', async () => {
    const status = await rig.runtime.getStatusNetworkList(list);
    expect(status).toMatchObject({ ok: true, skipped: 'version', invocations: [] });
    const gc = await rig.runtime.gcNetworkList(list, [{ containerID: 'lo-ctr', ifname: 'eth0' }]);
    expect(gc).toMatchObject({ ok: true, skipped: 'version', invocations: [] });
  });

  it('asking for 1.1.0 reaches the plugin and is refused with code 1; VERSION probing settles on 1.0.0', async () => {
    const newer = buildNetworkList({
      cniVersion: '1.0.0',
      cniVersions: ['1.1.0'],
      name: 'lo-new',
      plugins: [{ type: 'loopback' }],
    });
    const refused = await rig.runtime.addNetworkList(newer, { ...attachment(), containerId: 'lo-new' });
    expect(!refused.ok && refused.error).toMatchObject({
      kind: 'plugin-failed',
      code: 1,
      plugin: { type: 'loopback' },
    });
    const probing = new Runtime({
      executor: rig.sandbox,
      cniPath: UPSTREAM_CNI_PATH,
      cacheDir: rig.dirs.cacheDir,
      probeVersions: true,
    });
    const probed = await probing.addNetworkList(newer, { ...attachment(), containerId: 'lo-new' });
    expectOk(probed);
    expect(probed.cniVersion).toBe('1.0.0');
    expectOk(await probing.delNetworkList(newer, { ...attachment(), containerId: 'lo-new' }));
  });

  it('DEL brings lo down and removes the cache file', async () => {
    expectOk(await rig.runtime.delNetworkList(list, attachment()));
    expect(await loFlags()).not.toContain('UP');
    expect(await cacheFileExists(rig.dirs.cacheDir, 'lo-net', attachment())).toBe(false);
  });
});
