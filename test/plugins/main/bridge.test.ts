import { describe, expect, it } from 'vitest';
import { leaseFiles } from '../ipam/host-local-support.ts';
import { sh } from '../support.ts';
import {
  bridge,
  bridgeConfig,
  ipIn,
  natRules,
  type ShownLink,
  useBridgeWorld,
  withPrev,
} from './bridge-support.ts';

const rig = useBridgeWorld();

const leases = () => leaseFiles(rig.world.dataDir, 'br-net');

describe('bridge', () => {
  describe('ADD with isDefaultGateway and ipMasq', () => {
    it('creates bridge, veth pair, addresses, routes and masquerade, and reports them', async () => {
      const config = bridgeConfig(rig.world, {
        isDefaultGateway: true,
        ipMasq: true,
        ipMasqBackend: 'iptables',
      });
      const add = await bridge(rig.bin, rig.world, 'ADD', config);
      expect(add.exitCode).toBe(0);
      const interfaces = (add.json?.interfaces ?? []) as { name: string; mac: string; sandbox?: string }[];
      const [bridgeIface, hostIface, containerIface] = interfaces;
      expect(bridgeIface?.name).toBe('cnibr0');
      expect(hostIface?.name).toMatch(/^veth[0-9a-f]{8}$/);
      expect(containerIface).toMatchObject({ name: 'eth0', sandbox: rig.world.container.path });
      expect(add.json?.ips).toEqual([{ address: '10.70.0.2/24', gateway: '10.70.0.1', interface: 2 }]);
      expect(add.json?.routes).toEqual([{ dst: '0.0.0.0/0', gw: '10.70.0.1' }]);

      const [eth0] = ipIn<ShownLink>(rig.world.container, ['addr', 'show', 'dev', 'eth0']);
      expect(eth0?.address).toBe(containerIface?.mac);
      expect(eth0?.addr_info?.map((a) => `${a.local}/${a.prefixlen}`)).toContain('10.70.0.2/24');
      const [br] = ipIn<ShownLink>(rig.world.host, ['addr', 'show', 'dev', 'cnibr0']);
      expect(br?.addr_info?.map((a) => `${a.local}/${a.prefixlen}`)).toContain('10.70.0.1/24');
      const [veth] = ipIn<ShownLink>(rig.world.host, ['link', 'show', 'dev', hostIface?.name ?? '']);
      expect(veth?.master).toBe('cnibr0');
      expect(natRules(rig.world)).toContain(
        '-A POSTROUTING -s 10.70.0.2/32 -m comment --comment "name: \\"br-net\\" id: \\"c1\\""',
      );
    });

    it('passes CHECK right after ADD, and DEL removes everything it made', async () => {
      const config = bridgeConfig(rig.world, { isGateway: true, ipMasq: true, ipMasqBackend: 'iptables' });
      const add = await bridge(rig.bin, rig.world, 'ADD', config);
      expect(await bridge(rig.bin, rig.world, 'CHECK', withPrev(config, add))).toMatchObject({
        exitCode: 0,
        stdout: '',
      });
      expect((await bridge(rig.bin, rig.world, 'DEL', withPrev(config, add))).exitCode).toBe(0);
      expect(ipIn<ShownLink>(rig.world.container, ['link', 'show']).map((l) => l.ifname)).toEqual(['lo']);
      expect(ipIn<ShownLink>(rig.world.host, ['link', 'show']).map((l) => l.ifname)).toEqual([
        'lo',
        'cnibr0',
      ]);
      expect(natRules(rig.world)).not.toContain('CNI-');
      expect(leases()).toEqual([]);
      expect((await bridge(rig.bin, rig.world, 'DEL', withPrev(config, add))).exitCode).toBe(0);
    });
  });

  describe('CHECK', () => {
    it('fails when the container interface is gone or promisc differs (P-CHK-2)', async () => {
      const config = bridgeConfig(rig.world, { isGateway: true });
      const add = await bridge(rig.bin, rig.world, 'ADD', config);
      sh(['ip', '-n', rig.world.host.name, 'link', 'set', 'cnibr0', 'promisc', 'on']);
      expect((await bridge(rig.bin, rig.world, 'CHECK', withPrev(config, add))).json?.msg).toContain(
        'promiscuous',
      );
      sh(['ip', '-n', rig.world.host.name, 'link', 'set', 'cnibr0', 'promisc', 'off']);
      sh(['ip', '-n', rig.world.container.name, 'link', 'del', 'eth0']);
      const gone = await bridge(rig.bin, rig.world, 'CHECK', withPrev(config, add));
      expect(gone.exitCode).toBe(1);
      expect(gone.json?.msg).toContain('eth0');
    });

    it('honours a MAC changed by a later plugin when prevResult carries it (P-CHK-4)', async () => {
      const config = bridgeConfig(rig.world);
      const add = await bridge(rig.bin, rig.world, 'ADD', config);
      sh(['ip', '-n', rig.world.container.name, 'link', 'set', 'eth0', 'address', '0a:58:00:00:00:42']);
      const prev = structuredClone(add.json) as { interfaces: { mac?: string }[] };
      const changed = prev.interfaces[2];
      if (changed) changed.mac = '0a:58:00:00:00:42';
      expect((await bridge(rig.bin, rig.world, 'CHECK', { ...config, prevResult: prev })).exitCode).toBe(0);
    });

    it('fails when the IPAM lease is gone (P-CHK-3, via delegation)', async () => {
      const config = bridgeConfig(rig.world);
      const add = await bridge(rig.bin, rig.world, 'ADD', config);
      sh(['rm', '-f', `${rig.world.dataDir}/br-net/10.70.0.2`]);
      expect((await bridge(rig.bin, rig.world, 'CHECK', withPrev(config, add))).json?.msg).toContain(
        'host-local',
      );
    });
  });

  describe('failures', () => {
    it('fails when CNI_IFNAME already exists in the container (P-ADD-3) and leaks no lease', async () => {
      sh([
        'ip',
        '-n',
        rig.world.container.name,
        'link',
        'add',
        'eth0',
        'type',
        'veth',
        'peer',
        'name',
        'peer0',
      ]);
      const add = await bridge(rig.bin, rig.world, 'ADD', bridgeConfig(rig.world));
      expect(add.exitCode).toBe(1);
      expect(add.json?.msg).toContain('already exists');
      expect(leases()).toEqual([]);
    });

    it('rolls back IPAM and the veth when the gateway address clashes (P-DLG-5)', async () => {
      sh(['ip', '-n', rig.world.host.name, 'link', 'add', 'cnibr0', 'type', 'bridge']);
      sh(['ip', '-n', rig.world.host.name, 'addr', 'add', '10.99.0.1/24', 'dev', 'cnibr0']);
      const add = await bridge(rig.bin, rig.world, 'ADD', bridgeConfig(rig.world, { isGateway: true }));
      expect(add.exitCode).toBe(1);
      expect(add.json?.msg).toContain('already has an IP address different from 10.70.0.1/24');
      expect(leases()).toEqual([]);
      expect(ipIn<ShownLink>(rig.world.host, ['link', 'show']).map((l) => l.ifname)).toEqual([
        'lo',
        'cnibr0',
      ]);
      expect(ipIn<ShownLink>(rig.world.container, ['link', 'show']).map((l) => l.ifname)).toEqual(['lo']);
    });

    it('fails cleanly when the IPAM plugin is not on CNI_PATH (P-ENV-6)', async () => {
      const add = await bridge(
        rig.bin,
        rig.world,
        'ADD',
        bridgeConfig(rig.world, { ipam: { type: 'no-such-ipam' } }),
      );
      expect(add.json).toMatchObject({ code: 7 });
      expect(add.json?.msg).toContain('no-such-ipam');
      expect(ipIn<ShownLink>(rig.world.container, ['link', 'show']).map((l) => l.ifname)).toEqual(['lo']);
    });

    it('replaces the clashing address with forceAddress', async () => {
      sh(['ip', '-n', rig.world.host.name, 'link', 'add', 'cnibr0', 'type', 'bridge']);
      sh(['ip', '-n', rig.world.host.name, 'addr', 'add', '10.99.0.1/24', 'dev', 'cnibr0']);
      const add = await bridge(
        rig.bin,
        rig.world,
        'ADD',
        bridgeConfig(rig.world, { isGateway: true, forceAddress: true }),
      );
      expect(add.exitCode).toBe(0);
      const [br] = ipIn<ShownLink>(rig.world.host, ['addr', 'show', 'dev', 'cnibr0']);
      expect(br?.addr_info?.filter((a) => !a.local.includes(':')).map((a) => a.local)).toEqual(['10.70.0.1']);
    });

    it('refuses a same-named link that is not a bridge', async () => {
      sh(['ip', '-n', rig.world.host.name, 'link', 'add', 'cnibr0', 'type', 'veth', 'peer', 'name', 'peer0']);
      const add = await bridge(rig.bin, rig.world, 'ADD', bridgeConfig(rig.world));
      expect(add.json?.msg).toContain('already exists but is not a bridge');
      expect(leases()).toEqual([]);
    });

    it.each([
      [{ vlan: 5000 }, 'vlan'],
      [{ hairpinMode: true, promiscMode: true }, 'hairpin'],
      [{ vlanTrunk: [{ minID: 10, maxID: 5 }] }, 'minID is greater than maxID'],
      [{ vlan: 3, vlanTrunk: [{ id: 4 }] }, 'cannot set vlan and vlanTrunk at the same time'],
      [{ ipam: 42 }, 'ipam must be an object'],
      [{ dns: 'x' }, 'dns must be an object'],
    ])('rejects %j with code 7 before touching anything', async (extra, reason) => {
      const add = await bridge(rig.bin, rig.world, 'ADD', bridgeConfig(rig.world, extra));
      expect(add.json).toMatchObject({ code: 7 });
      expect(add.json?.msg).toContain(reason);
      expect(ipIn<ShownLink>(rig.world.host, ['link', 'show']).map((l) => l.ifname)).toEqual(['lo']);
    });
  });

  describe('DEL', () => {
    it('releases IPAM and masquerade when the netns is already gone (P-DEL-4)', async () => {
      const config = bridgeConfig(rig.world, { ipMasq: true, ipMasqBackend: 'iptables' });
      const add = await bridge(rig.bin, rig.world, 'ADD', config);
      expect(add.exitCode).toBe(0);
      rig.world.container.remove();
      expect((await bridge(rig.bin, rig.world, 'DEL', withPrev(config, add))).exitCode).toBe(0);
      expect(leases()).toEqual([]);
      expect(natRules(rig.world)).not.toContain('CNI-');
      const empty = await bridge(rig.bin, rig.world, 'DEL', config, { env: { CNI_NETNS: '' } });
      expect(empty.exitCode).toBe(0);
    });
  });

  describe('a second attachment in the same container (P-ADD-8)', () => {
    it('gets its own address and default route and is deleted independently', async () => {
      const config = bridgeConfig(rig.world, { isDefaultGateway: true });
      const first = await bridge(rig.bin, rig.world, 'ADD', config);
      const second = await bridge(rig.bin, rig.world, 'ADD', config, { env: { CNI_IFNAME: 'net1' } });
      expect(second.exitCode).toBe(0);
      expect(second.json?.ips).toEqual([{ address: '10.70.0.3/24', gateway: '10.70.0.1', interface: 2 }]);
      expect(
        (await bridge(rig.bin, rig.world, 'DEL', withPrev(config, second), { env: { CNI_IFNAME: 'net1' } }))
          .exitCode,
      ).toBe(0);
      expect((await bridge(rig.bin, rig.world, 'CHECK', withPrev(config, first))).exitCode).toBe(0);
      expect(leases()).toEqual(['10.70.0.2']);
    });
  });

  describe('L2-only mode', () => {
    it('creates an interface without addresses, passes CHECK, refuses 0.2.0 up front', async () => {
      const config = bridgeConfig(rig.world, { ipam: {} });
      const add = await bridge(rig.bin, rig.world, 'ADD', config);
      expect(add.exitCode).toBe(0);
      expect(add.json?.ips).toBeUndefined();
      expect(add.json?.interfaces).toHaveLength(3);
      expect((await bridge(rig.bin, rig.world, 'CHECK', withPrev(config, add))).exitCode).toBe(0);
      const old = await bridge(
        rig.bin,
        rig.world,
        'ADD',
        { ...config, cniVersion: '0.2.0' },
        { env: { CNI_IFNAME: 'eth1' } },
      );
      expect(old.json).toMatchObject({ code: 1 });
      expect(ipIn<ShownLink>(rig.world.container, ['link', 'show']).map((l) => l.ifname)).toEqual([
        'lo',
        'eth0',
      ]);
    });
  });
});
