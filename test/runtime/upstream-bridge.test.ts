/**
 * The runtime driving the upstream bridge + host-local chain (Debian 1.1.1) in a sandbox, at 0.4.0 and 1.0.0:
 * ADD, CHECK, GC (a stale attachment gets the DEL that libcni synthesises) and a repeated DEL.
 */
import { describe, expect, it } from 'vitest';
import { buildNetworkList } from '../../src/runtime/network-config.ts';
import { useSandboxedRuntime } from './support/sandboxed-runtime.ts';
import {
  cacheFileExists,
  expectOk,
  ipJson,
  libcniCacheKeys,
  linkNames,
  readCacheFile,
} from './support/upstream.ts';

describe.each(['0.4.0', '1.0.0'])('Runtime with upstream bridge + host-local @ %s', (cniVersion) => {
  const rig = useSandboxedRuntime();
  const network = `br-net-${cniVersion.replaceAll('.', '')}`;
  const list = buildNetworkList({
    cniVersion,
    name: network,
    plugins: [
      {
        type: 'bridge',
        bridge: 'cni-rt0',
        isGateway: true,
        ipMasq: true,
        ipam: { type: 'host-local', subnet: '10.22.0.0/24' },
      },
    ],
  });
  const cniArgs = [
    ['IgnoreUnknown', '1'],
    ['K8S_POD_NAME', 'web'],
  ] as const;
  const attachment = () => ({
    containerId: 'br-ctr',
    netns: rig.container.netnsPath,
    ifname: 'eth0',
    cniArgs,
  });
  const leases = async () =>
    (await rig.sandbox.command(['ls', `/var/lib/cni/networks/${network}`])).stdout
      .split('\n')
      .filter((name) => /^\d/.test(name));

  it('ADD configures eth0 with a host-local lease and caches the result with the CNI_ARGS pairs', async () => {
    const outcome = await rig.runtime.addNetworkList(list, attachment());
    expectOk(outcome);
    const addresses = await ipJson(rig.sandbox, ['addr', 'show', 'eth0'], rig.container.name);
    expect(JSON.stringify(addresses)).toContain('10.22.0.2');
    expect(await leases()).toEqual(['10.22.0.2']);
    expect(outcome.invocations[0]?.invocation.request.env.CNI_ARGS).toBe('IgnoreUnknown=1;K8S_POD_NAME=web');
    const cache = await readCacheFile(rig.dirs.cacheDir, network, attachment());
    expect(Object.keys(cache.json)).toEqual(libcniCacheKeys({ cniArgs: true, capabilityArgs: false }));
    expect(cache.json.cniArgs).toEqual(cniArgs);
    expect(cache.json.result).toEqual(outcome.ok ? outcome.result : undefined);
    expect((cache.json.result as { cniVersion: string }).cniVersion).toBe(cniVersion);
  });

  it('CHECK passes', async () => {
    expectOk(await rig.runtime.checkNetworkList(list, attachment()));
  });

  it('GC keeps a valid attachment, and DELs it (from the cache) once it is no longer valid', async () => {
    const keep = await rig.runtime.gcNetworkList(list, [{ containerID: 'br-ctr', ifname: 'eth0' }]);
    expect(keep).toMatchObject({ ok: true, invocations: [] });
    expect(await leases()).toEqual(['10.22.0.2']);
    const collect = await rig.runtime.gcNetworkList(list, []);
    expectOk(collect);
    expect(collect.invocations.map((entry) => entry.invocation.verb)).toEqual(['DEL']);
    expect(collect.invocations[0]?.invocation.request.env).toMatchObject({
      CNI_CONTAINERID: 'br-ctr',
      CNI_ARGS: 'IgnoreUnknown=1;K8S_POD_NAME=web',
    });
    expect(await linkNames(rig.sandbox, rig.container.name)).toEqual(['lo']);
    expect(await leases()).toEqual([]);
    expect(await cacheFileExists(rig.dirs.cacheDir, network, attachment())).toBe(false);
  });

  it('a repeated DEL succeeds without a cached result', async () => {
    const outcome = await rig.runtime.delNetworkList(list, attachment());
    expectOk(outcome);
    expect(JSON.parse(outcome.invocations[0]?.invocation.request.stdin ?? '{}')).not.toHaveProperty(
      'prevResult',
    );
  });
});
