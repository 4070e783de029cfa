/**
 * bridge VLANs, real: access ports (PVID untagged), trunks (tagged ids), preserveDefaultVlan, and the
 * `<bridge>.<vlan>` gateway interface. Kernels without bridge VLAN filtering skip those with reason
 * kernel-feature-missing (bridge-commands.test.ts covers the batches they would run) and instead prove
 * that ADD then fails cleanly, leaving no lease and no veth behind.
 */
import { beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { leaseFiles } from '../ipam/host-local-support.ts';
import { sh } from '../support.ts';
import {
  bridge,
  bridgeConfig,
  ipIn,
  type ShownLink,
  useBridgeWorld,
  vlanFilteringSupported,
  withPrev,
} from './bridge-support.ts';

const rig = useBridgeWorld();
let vlanSupported = false;

beforeAll(() => {
  vlanSupported = vlanFilteringSupported();
});

function requireVlanFiltering(context: TestContext): void {
  if (!vlanSupported)
    context.skip('kernel-feature-missing: no bridge VLAN filtering (CONFIG_BRIDGE_VLAN_FILTERING)');
}

interface VlanEntry {
  readonly vlan: number;
  readonly vlanEnd?: number;
  readonly flags?: string[];
}

/** The VLANs of one bridge port, as `bridge -j vlan show dev` prints them. */
function portVlans(port: string): VlanEntry[] {
  const raw = sh(['ip', 'netns', 'exec', rig.world.host.name, 'bridge', '-j', 'vlan', 'show', 'dev', port]);
  const shown = JSON.parse(raw || '[]') as { ifname: string; vlans: VlanEntry[] }[];
  return shown.find((entry) => entry.ifname === port)?.vlans ?? [];
}

function interfacesOf(add: { json?: Record<string, unknown> }): { name: string; mac?: string }[] {
  return (add.json?.interfaces ?? []) as { name: string; mac?: string }[];
}

const addresses = (link: ShownLink | undefined) =>
  (link?.addr_info ?? []).map((addr) => `${addr.local}/${addr.prefixlen}`);

describe('bridge VLANs', () => {
  it('fails cleanly when the kernel has no bridge VLAN filtering', async (context) => {
    if (vlanSupported) context.skip('this kernel has bridge VLAN filtering: the tests below run instead');
    const add = await bridge(rig.bin, rig.world, 'ADD', bridgeConfig(rig.world, { vlan: 100 }));
    expect(add.exitCode).not.toBe(0);
    expect(add.json?.msg).toContain('VLAN filtering is not supported');
    expect(leaseFiles(rig.world.dataDir, 'br-net')).toEqual([]);
    expect(ipIn<ShownLink>(rig.world.container, ['link', 'show']).map((link) => link.ifname)).toEqual(['lo']);
    const hostLinks = ipIn<ShownLink>(rig.world.host, ['link', 'show']).map((link) => link.ifname);
    expect(hostLinks.filter((name) => name.startsWith('veth'))).toEqual([]);
  });

  it('makes an access port: PVID untagged, keeping VLAN 1 unless preserveDefaultVlan is false', async (context) => {
    requireVlanFiltering(context);
    const kept = await bridge(rig.bin, rig.world, 'ADD', bridgeConfig(rig.world, { vlan: 100 }));
    const keptVlans = portVlans(interfacesOf(kept)[1]?.name ?? '');
    expect(keptVlans).toContainEqual({ vlan: 100, flags: ['PVID', 'Egress Untagged'] });
    expect(keptVlans.map((entry) => entry.vlan)).toContain(1);
    const config = bridgeConfig(rig.world, { vlan: 100, preserveDefaultVlan: false });
    const dropped = await bridge(rig.bin, rig.world, 'ADD', config, { env: { CNI_IFNAME: 'eth1' } });
    expect(portVlans(interfacesOf(dropped)[1]?.name ?? '')).toEqual([
      { vlan: 100, flags: ['PVID', 'Egress Untagged'] },
    ]);
  });

  it('makes a trunk port with tagged ids and ranges', async (context) => {
    requireVlanFiltering(context);
    const config = bridgeConfig(rig.world, {
      vlanTrunk: [{ id: 200 }, { minID: 300, maxID: 302 }],
      preserveDefaultVlan: false,
    });
    const add = await bridge(rig.bin, rig.world, 'ADD', config);
    expect(add.exitCode).toBe(0);
    const vlans = portVlans(interfacesOf(add)[1]?.name ?? '');
    expect(vlans.map((entry) => [entry.vlan, entry.vlanEnd ?? entry.vlan])).toEqual([
      [200, 200],
      [300, 302],
    ]);
    expect(vlans.every((entry) => !entry.flags?.includes('PVID'))).toBe(true);
  });

  it('puts the gateway on a <bridge>.<vlan> veth whose peer is an access port, and reuses it', async (context) => {
    requireVlanFiltering(context);
    const config = bridgeConfig(rig.world, { vlan: 100, isGateway: true, preserveDefaultVlan: false });
    const add = await bridge(rig.bin, rig.world, 'ADD', config);
    expect(add.exitCode).toBe(0);
    const [, , , gateway] = interfacesOf(add);
    const [link] = ipIn<ShownLink & { link?: string }>(rig.world.host, ['addr', 'show', 'dev', 'cnibr0.100']);
    expect(gateway).toEqual({ name: 'cnibr0.100', mac: link?.address });
    expect(addresses(link)).toContain('10.70.0.1/24');
    expect(addresses(ipIn<ShownLink>(rig.world.host, ['addr', 'show', 'dev', 'cnibr0'])[0])).not.toContain(
      '10.70.0.1/24',
    );
    expect(portVlans(link?.link ?? '')).toEqual([{ vlan: 100, flags: ['PVID', 'Egress Untagged'] }]);
    expect((await bridge(rig.bin, rig.world, 'CHECK', withPrev(config, add))).exitCode).toBe(0);
    const second = await bridge(rig.bin, rig.world, 'ADD', config, { env: { CNI_IFNAME: 'eth1' } });
    expect(interfacesOf(second)[3]).toEqual(gateway);
    await bridge(rig.bin, rig.world, 'DEL', withPrev(config, add));
    expect(ipIn<ShownLink>(rig.world.host, ['link', 'show', 'dev', 'cnibr0.100'])).toHaveLength(1);
  });
});
