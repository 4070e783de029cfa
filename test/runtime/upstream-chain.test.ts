/**
 * The runtime driving the upstream chain bridge + portmap + tuning + bandwidth (Debian 1.1.1) in a sandbox:
 * capability arguments reach exactly the plugins that declare them and take effect, CHECK runs the chain,
 * DEL in reverse undoes it.
 *
 * Pinned upstream bug: portmap 1.1.1 CHECK fails for an IPv4-only attachment, looking for an ip6tables DNAT
 * chain it never created (containernetworking/plugins#819, fixed after 1.1.1). Reproduced by hand with plain
 * CNI calls on this machine; the test expects exactly that failure so an upgrade shows up.
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

const capabilityArgs = {
  portMappings: [{ hostPort: 8080, containerPort: 80, protocol: 'tcp' }],
  mac: 'c2:11:22:33:44:55',
  bandwidth: { ingressRate: 1000000, ingressBurst: 100000, egressRate: 1000000, egressBurst: 100000 },
  ipRanges: [[{ subnet: '10.99.0.0/24' }]],
};

describe('Runtime with upstream bridge + portmap + tuning + bandwidth @ 1.0.0', () => {
  const rig = useSandboxedRuntime();
  const list = buildNetworkList({
    cniVersion: '1.0.0',
    name: 'chain-net',
    plugins: [
      {
        type: 'bridge',
        bridge: 'cni-rt1',
        isGateway: true,
        ipam: { type: 'host-local', subnet: '10.23.0.0/24' },
      },
      { type: 'portmap', capabilities: { portMappings: true }, snat: true },
      { type: 'tuning', capabilities: { mac: true } },
      { type: 'bandwidth', capabilities: { bandwidth: true } },
    ],
  });
  const attachment = () => ({
    containerId: 'chain-ctr',
    netns: rig.container.netnsPath,
    ifname: 'eth0',
    capabilityArgs,
  });
  const natRules = async () => (await rig.sandbox.command(['iptables-save', '-t', 'nat'])).stdout;
  const qdiscs = async () => (await rig.sandbox.command(['tc', 'qdisc', 'show'])).stdout;

  it('ADD runs the chain in order and each capability takes effect', async () => {
    const outcome = await rig.runtime.addNetworkList(list, attachment());
    expectOk(outcome);
    const requests = outcome.invocations.map(
      (entry) => JSON.parse(entry.invocation.request.stdin ?? '{}') as Record<string, unknown>,
    );
    expect(outcome.invocations.map((entry) => entry.plugin.type)).toEqual([
      'bridge',
      'portmap',
      'tuning',
      'bandwidth',
    ]);
    expect(requests.map((request) => request.runtimeConfig)).toEqual([
      undefined,
      { portMappings: capabilityArgs.portMappings },
      { mac: capabilityArgs.mac },
      { bandwidth: capabilityArgs.bandwidth },
    ]);
    expect(requests[0]).not.toHaveProperty('prevResult');
    expect(requests[3]?.prevResult).toEqual(
      JSON.parse(outcome.invocations[2]?.invocation.outcome.stdout ?? '{}'),
    );
    const eth0 = (await ipJson(rig.sandbox, ['link', 'show', 'eth0'], rig.container.name))[0];
    expect(eth0?.address).toBe(capabilityArgs.mac);
    expect(await natRules()).toMatch(/--dport 8080 -j DNAT --to-destination 10\.23\.0\.2:80/);
    expect(await qdiscs()).toMatch(/qdisc tbf .* rate 1Mbit/);
    const cache = await readCacheFile(rig.dirs.cacheDir, 'chain-net', attachment());
    expect(Object.keys(cache.json)).toEqual(libcniCacheKeys({ cniArgs: false, capabilityArgs: true }));
    expect(cache.json.capabilityArgs).toEqual(capabilityArgs);
  });

  it('CHECK passes bridge, then hits the pinned portmap IPv6 bug (plugins#819)', async () => {
    const outcome = await rig.runtime.checkNetworkList(list, attachment());
    expect(outcome.invocations.map((entry) => `${entry.plugin.type} ${entry.invocation.kind}`)).toEqual([
      'bridge ok',
      'portmap plugin-error',
    ]);
    expect(!outcome.ok && outcome.error).toMatchObject({
      kind: 'plugin-failed',
      verb: 'CHECK',
      plugin: { index: 1, type: 'portmap' },
    });
    expect(!outcome.ok && outcome.error.msg).toMatch(
      /^could not check ipv6 dnat: chain CNI-DN-[0-9a-f]+ not found in iptables table nat$/,
    );
  });

  it('DEL runs in reverse with the cached result and undoes every plugin', async () => {
    const outcome = await rig.runtime.delNetworkList(list, attachment());
    expectOk(outcome);
    expect(outcome.invocations.map((entry) => entry.plugin.type)).toEqual([
      'bandwidth',
      'tuning',
      'portmap',
      'bridge',
    ]);
    const cached = outcome.invocations.map(
      (entry) => (JSON.parse(entry.invocation.request.stdin ?? '{}') as Record<string, unknown>).prevResult,
    );
    expect(new Set(cached.map((value) => JSON.stringify(value))).size).toBe(1);
    expect(await natRules()).not.toContain('8080');
    expect(await qdiscs()).not.toContain('tbf');
    expect(await linkNames(rig.sandbox, rig.container.name)).toEqual(['lo']);
    expect(await cacheFileExists(rig.dirs.cacheDir, 'chain-net', attachment())).toBe(false);
  });
});
