import { describe, expect, it } from 'vitest';
import { sh } from '../support.ts';
import {
  bridge,
  bridgeConfig,
  ipIn,
  nftRuleset,
  type ShownLink,
  useBridgeWorld,
  withPrev,
} from './bridge-support.ts';

const rig = useBridgeWorld();

function hostVethOf(add: { json?: Record<string, unknown> }): string {
  return ((add.json?.interfaces ?? []) as { name: string }[])[1]?.name ?? '';
}

describe('bridge features', () => {
  it('masquerades with the nftables backend and removes the rule on DEL', async () => {
    const config = bridgeConfig(rig.world, { ipMasq: true, ipMasqBackend: 'nftables' });
    const add = await bridge(rig.bin, rig.world, 'ADD', config);
    expect(nftRuleset(rig.world)).toContain('ip saddr 10.70.0.2 ip daddr != 10.70.0.0/24');
    expect((await bridge(rig.bin, rig.world, 'CHECK', withPrev(config, add))).exitCode).toBe(0);
    await bridge(rig.bin, rig.world, 'DEL', withPrev(config, add));
    expect(nftRuleset(rig.world)).not.toContain('10.70.0.2');
  });

  it('installs a MAC spoof check for the container MAC and removes it on DEL', async () => {
    const config = bridgeConfig(rig.world, {
      macspoofchk: true,
      runtimeConfig: { mac: '0a:58:0a:46:00:02' },
    });
    const add = await bridge(rig.bin, rig.world, 'ADD', config);
    const rules = nftRuleset(rig.world);
    expect(rules).toContain(`iifname "${hostVethOf(add)}" ether saddr != 0a:58:0a:46:00:02 drop`);
    await bridge(rig.bin, rig.world, 'DEL', withPrev(config, add));
    expect(nftRuleset(rig.world)).not.toContain('0a:58:0a:46:00:02');
  });

  it('applies mtu to the bridge and both veth ends', async () => {
    const add = await bridge(rig.bin, rig.world, 'ADD', bridgeConfig(rig.world, { mtu: 1400 }));
    expect(ipIn<ShownLink>(rig.world.container, ['link', 'show', 'dev', 'eth0'])[0]?.mtu).toBe(1400);
    expect(ipIn<ShownLink>(rig.world.host, ['link', 'show', 'dev', hostVethOf(add)])[0]?.mtu).toBe(1400);
    expect(ipIn<ShownLink>(rig.world.host, ['link', 'show', 'dev', 'cnibr0'])[0]?.mtu).toBe(1400);
  });

  it('sets hairpin mode on the port and promiscuous mode on the bridge', async () => {
    const hairpin = await bridge(rig.bin, rig.world, 'ADD', bridgeConfig(rig.world, { hairpinMode: true }));
    const [port] = ipIn<ShownLink>(rig.world.host, ['-d', 'link', 'show', 'dev', hostVethOf(hairpin)]);
    expect(port?.linkinfo?.info_slave_data?.hairpin).toBe(true);
    const config = bridgeConfig(rig.world, { bridge: 'cnibr1', promiscMode: true });
    const promisc = await bridge(rig.bin, rig.world, 'ADD', config, { env: { CNI_IFNAME: 'eth1' } });
    expect(ipIn<ShownLink>(rig.world.host, ['link', 'show', 'dev', 'cnibr1'])[0]?.flags).toContain('PROMISC');
    expect(
      (await bridge(rig.bin, rig.world, 'CHECK', withPrev(config, promisc), { env: { CNI_IFNAME: 'eth1' } }))
        .exitCode,
    ).toBe(0);
  });

  it('isolates the port with portIsolation and leaves the interface down with disableContainerInterface', async () => {
    const config = bridgeConfig(rig.world, {
      portIsolation: true,
      disableContainerInterface: true,
      ipam: {},
    });
    const add = await bridge(rig.bin, rig.world, 'ADD', config);
    expect(add.exitCode).toBe(0);
    const [port] = ipIn<ShownLink & { linkinfo?: { info_slave_data?: { isolated?: boolean } } }>(
      rig.world.host,
      ['-d', 'link', 'show', 'dev', hostVethOf(add)],
    );
    expect(port?.linkinfo?.info_slave_data?.isolated).toBe(true);
    expect(ipIn<ShownLink>(rig.world.container, ['link', 'show', 'dev', 'eth0'])[0]?.flags).not.toContain(
      'UP',
    );
    const withIpam = await bridge(
      rig.bin,
      rig.world,
      'ADD',
      bridgeConfig(rig.world, { disableContainerInterface: true }),
      {
        env: { CNI_IFNAME: 'eth1' },
      },
    );
    expect(withIpam.json).toMatchObject({ code: 7 });
  });

  it('takes the MAC from runtimeConfig over args over CNI_ARGS (P-CAP-4)', async () => {
    const env = { CNI_ARGS: 'IgnoreUnknown=1;MAC=0a:58:00:00:00:03' };
    const all = bridgeConfig(rig.world, {
      runtimeConfig: { mac: '0a:58:00:00:00:01' },
      args: { cni: { mac: '0a:58:00:00:00:02' } },
    });
    const first = await bridge(rig.bin, rig.world, 'ADD', all, { env });
    expect(((first.json?.interfaces ?? []) as { mac: string }[])[2]?.mac).toBe('0a:58:00:00:00:01');
    const argsOnly = bridgeConfig(rig.world, { args: { cni: { mac: '0a:58:00:00:00:02' } } });
    const second = await bridge(rig.bin, rig.world, 'ADD', argsOnly, { env: { ...env, CNI_IFNAME: 'eth1' } });
    expect(((second.json?.interfaces ?? []) as { mac: string }[])[2]?.mac).toBe('0a:58:00:00:00:02');
    const third = await bridge(rig.bin, rig.world, 'ADD', bridgeConfig(rig.world), {
      env: { ...env, CNI_IFNAME: 'eth2' },
    });
    expect(((third.json?.interfaces ?? []) as { mac: string }[])[2]?.mac).toBe('0a:58:00:00:00:03');
  });

  it('keeps an earlier plugin result when chained (P-CHAIN-2), shifting its own indexes', async () => {
    const prevResult = {
      cniVersion: '1.0.0',
      interfaces: [{ name: 'lo', sandbox: rig.world.container.path }],
      ips: [{ address: '127.0.0.1/8', interface: 0 }],
    };
    const add = await bridge(rig.bin, rig.world, 'ADD', bridgeConfig(rig.world, { prevResult }));
    const names = ((add.json?.interfaces ?? []) as { name: string }[]).map((iface) => iface.name);
    expect(names).toEqual(['lo', 'cnibr0', names[2], 'eth0']);
    expect(names[2]).toMatch(/^veth/);
    expect(add.json?.ips).toEqual([
      { address: '127.0.0.1/8', interface: 0 },
      { address: '10.70.0.2/24', gateway: '10.70.0.1', interface: 3 },
    ]);
  });

  it('reports the configured dns over IPAM dns (P-CONF-4)', async () => {
    const dns = { nameservers: ['10.70.0.53'], search: ['svc.test'] };
    const add = await bridge(rig.bin, rig.world, 'ADD', bridgeConfig(rig.world, { dns }));
    expect(add.json?.dns).toEqual(dns);
  });

  it('puts dual-stack gateways on the bridge and default routes in the container', async () => {
    const ipam = {
      type: 'host-local',
      dataDir: rig.world.dataDir,
      ranges: [[{ subnet: '10.70.0.0/24' }], [{ subnet: 'fd70::/64' }]],
    };
    const config = bridgeConfig(rig.world, { isDefaultGateway: true, ipam });
    const add = await bridge(rig.bin, rig.world, 'ADD', config);
    expect(add.json?.routes).toEqual([
      { dst: '0.0.0.0/0', gw: '10.70.0.1' },
      { dst: '::/0', gw: 'fd70::1' },
    ]);
    const v6routes = JSON.parse(sh(['ip', '-n', rig.world.container.name, '-6', '-j', 'route', 'show'])) as {
      dst: string;
    }[];
    expect(v6routes.map((route) => route.dst)).toContain('default');
    expect((await bridge(rig.bin, rig.world, 'CHECK', withPrev(config, add))).exitCode).toBe(0);
  });
});
