import { describe, expect, it } from 'vitest';
import { leaseFiles } from '../ipam/host-local-support.ts';
import { PLUGIN_BUILDS, UPSTREAM_DIR } from '../support.ts';
import {
  bridge,
  bridgeConfig,
  ipIn,
  natRules,
  type ShownLink,
  useBridgeWorld,
  withPrev,
} from './bridge-support.ts';

// Behaviour must not depend on the build: every test runs against the Node bundle and the native build.
describe.each(PLUGIN_BUILDS)('%s build', (build) => {
  const rig = useBridgeWorld(build);

  const leases = () => leaseFiles(rig.world.dataDir, 'br-net').sort();

  describe('bridge interop with upstream', () => {
    it('upstream bridge works with our host-local (ADD, CHECK, DEL)', async () => {
      const config = bridgeConfig(rig.world, { isGateway: true });
      const add = await bridge(rig.bin, rig.world, 'ADD', config, {
        flavour: 'upstream',
        path: `${rig.bin}`,
      });
      expect(add.exitCode).toBe(0);
      expect(leases()).toEqual(['10.70.0.2']);
      expect(
        (
          await bridge(rig.bin, rig.world, 'CHECK', withPrev(config, add), {
            flavour: 'upstream',
            path: rig.bin,
          })
        ).exitCode,
      ).toBe(0);
      expect(
        (
          await bridge(rig.bin, rig.world, 'DEL', withPrev(config, add), {
            flavour: 'upstream',
            path: rig.bin,
          })
        ).exitCode,
      ).toBe(0);
      expect(leases()).toEqual([]);
    });

    it('our bridge works with upstream host-local (ADD, CHECK, DEL)', async () => {
      const config = bridgeConfig(rig.world, { isGateway: true });
      const add = await bridge(rig.bin, rig.world, 'ADD', config, { path: UPSTREAM_DIR });
      expect(add.exitCode).toBe(0);
      expect(add.json?.ips).toEqual([{ address: '10.70.0.2/24', gateway: '10.70.0.1', interface: 2 }]);
      expect(
        (await bridge(rig.bin, rig.world, 'CHECK', withPrev(config, add), { path: UPSTREAM_DIR })).exitCode,
      ).toBe(0);
      expect(
        (await bridge(rig.bin, rig.world, 'DEL', withPrev(config, add), { path: UPSTREAM_DIR })).exitCode,
      ).toBe(0);
      expect(leases()).toEqual([]);
    });

    it('our bridge CHECK passes on an attachment upstream bridge made', async () => {
      const config = bridgeConfig(rig.world, { isGateway: true });
      const add = await bridge(rig.bin, rig.world, 'ADD', config, { flavour: 'upstream' });
      expect((await bridge(rig.bin, rig.world, 'CHECK', withPrev(config, add))).exitCode).toBe(0);
      expect((await bridge(rig.bin, rig.world, 'DEL', withPrev(config, add))).exitCode).toBe(0);
      expect(ipIn<ShownLink>(rig.world.container, ['link', 'show']).map((l) => l.ifname)).toEqual(['lo']);
    });
  });

  describe('bridge GC and STATUS', () => {
    it('GC releases leases and masquerade of attachments no longer valid, keeps the valid one', async () => {
      const config = bridgeConfig(rig.world, {
        cniVersion: '1.1.0',
        isGateway: true,
        ipMasq: true,
        ipMasqBackend: 'iptables',
      });
      const first = await bridge(rig.bin, rig.world, 'ADD', config);
      await bridge(rig.bin, rig.world, 'ADD', config, { env: { CNI_CONTAINERID: 'c2', CNI_IFNAME: 'eth1' } });
      expect(leases()).toEqual(['10.70.0.2', '10.70.0.3']);
      const gc = await bridge(rig.bin, rig.world, 'GC', {
        ...config,
        'cni.dev/valid-attachments': [{ containerID: 'c1', ifname: 'eth0' }],
      });
      expect(gc).toMatchObject({ exitCode: 0, stdout: '' });
      expect(leases()).toEqual(['10.70.0.2']);
      const rules = natRules(rig.world);
      expect(rules).toContain('id: \\"c1\\"');
      expect(rules).not.toContain('id: \\"c2\\"');
      expect((await bridge(rig.bin, rig.world, 'CHECK', withPrev(config, first))).exitCode).toBe(0);
    });

    it('STATUS forwards to IPAM: code 50 when the range is exhausted or IPAM is missing', async () => {
      const ipam = { type: 'host-local', dataDir: rig.world.dataDir, ranges: [[{ subnet: '10.71.0.0/30' }]] };
      const config = bridgeConfig(rig.world, { cniVersion: '1.1.0', ipam });
      expect((await bridge(rig.bin, rig.world, 'STATUS', config)).exitCode).toBe(0);
      await bridge(rig.bin, rig.world, 'ADD', config);
      expect((await bridge(rig.bin, rig.world, 'STATUS', config)).json).toMatchObject({ code: 50 });
      const missing = await bridge(rig.bin, rig.world, 'STATUS', config, { path: '/nonexistent' });
      expect(missing.json).toMatchObject({ code: 50 });
    });
  });
});
