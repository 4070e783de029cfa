import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildPlugins, scratchDir } from '../support.ts';
import { addressesOf, hostLocal, hostLocalConfig, leaseFiles } from './host-local-support.ts';

let bin: string;
let data: { path: string; remove: () => void };

beforeAll(async () => {
  bin = await buildPlugins();
});
beforeEach(() => {
  data = scratchDir('hl-data');
});
afterEach(() => data.remove());
afterAll(() => undefined);

const DUAL = [[{ subnet: '10.30.0.0/24' }], [{ subnet: 'fd30::/120' }]];

describe('host-local', () => {
  describe('ADD', () => {
    it('leases one address per range set in the upstream on-disk layout', async () => {
      const out = await hostLocal(bin, 'ours', 'ADD', hostLocalConfig(data.path, DUAL));
      expect(out.json).toEqual({
        cniVersion: '1.0.0',
        ips: [
          { address: '10.30.0.2/24', gateway: '10.30.0.1' },
          { address: 'fd30::2/120', gateway: 'fd30::1' },
        ],
      });
      const dir = join(data.path, 'hl-net');
      expect(readFileSync(join(dir, '10.30.0.2'), 'utf8')).toBe('c1\r\neth0');
      expect(readFileSync(join(dir, 'fd30::2'), 'utf8')).toBe('c1\r\neth0');
      expect(readFileSync(join(dir, 'last_reserved_ip.0'), 'utf8')).toBe('10.30.0.2');
      expect(readFileSync(join(dir, 'last_reserved_ip.1'), 'utf8')).toBe('fd30::2');
      expect(leaseFiles(data.path).sort()).toEqual(['10.30.0.2', 'fd30::2']);
    });

    it('honours rangeStart, rangeEnd, gateway, routes and resolvConf', async () => {
      const resolv = join(data.path, 'resolv.conf');
      writeFileSync(
        resolv,
        'nameserver 10.0.0.53\ndomain example.test\nsearch a.test b.test\noptions ndots:2\n',
      );
      const ranges = [
        [
          {
            subnet: '10.31.0.0/24',
            rangeStart: '10.31.0.50',
            rangeEnd: '10.31.0.60',
            gateway: '10.31.0.254',
          },
        ],
      ];
      const config = hostLocalConfig(data.path, ranges, {
        ipam: { routes: [{ dst: '0.0.0.0/0' }], resolvConf: resolv },
      });
      const out = await hostLocal(bin, 'ours', 'ADD', config);
      expect(out.json).toEqual({
        cniVersion: '1.0.0',
        ips: [{ address: '10.31.0.50/24', gateway: '10.31.0.254' }],
        routes: [{ dst: '0.0.0.0/0' }],
        dns: {
          nameservers: ['10.0.0.53'],
          domain: 'example.test',
          search: ['a.test', 'b.test'],
          options: ['ndots:2'],
        },
      });
    });

    it.each([
      ['CNI_ARGS IP=', {}, { CNI_ARGS: 'IP=10.30.0.77' }],
      ['args.cni.ips', { args: { cni: { ips: ['10.30.0.77'] } } }, {}],
      ['runtimeConfig.ips', { runtimeConfig: { ips: ['10.30.0.77/24'] } }, {}],
    ])('leases the address requested through %s', async (_source, extra, env) => {
      const out = await hostLocal(
        bin,
        'ours',
        'ADD',
        hostLocalConfig(data.path, [DUAL[0] ?? []], extra),
        env,
      );
      expect(addressesOf(out)).toEqual(['10.30.0.77/24']);
    });

    it('ignores CNI_ARGS IP when args.cni.ips duplicates it (P-CAP-2; upstream 1.1.1 unions them)', async () => {
      const config = hostLocalConfig(data.path, [DUAL[0] ?? []], { args: { cni: { ips: ['10.30.0.9'] } } });
      const out = await hostLocal(bin, 'ours', 'ADD', config, { CNI_ARGS: 'IgnoreUnknown=1;IP=10.30.0.7' });
      expect(addressesOf(out)).toEqual(['10.30.0.9/24']);
    });

    it('fails an unsatisfiable request and leaks nothing', async () => {
      const config = hostLocalConfig(data.path, DUAL, {
        runtimeConfig: { ips: ['10.30.0.9', '192.168.0.1'] },
      });
      const out = await hostLocal(bin, 'ours', 'ADD', config);
      expect(out.exitCode).toBe(1);
      expect(out.json?.msg).toContain('failed to allocate all requested IPs: 192.168.0.1');
      expect(leaseFiles(data.path)).toEqual([]);
    });

    it('allocates from runtimeConfig.ipRanges before the configured ranges', async () => {
      const config = hostLocalConfig(data.path, [DUAL[0] ?? []], {
        runtimeConfig: { ipRanges: [[{ subnet: '10.40.0.0/28' }]] },
      });
      const out = await hostLocal(bin, 'ours', 'ADD', config);
      expect(addressesOf(out)).toEqual(['10.40.0.2/28', '10.30.0.2/24']);
    });

    it('refuses a second ADD of the same attachment', async () => {
      await hostLocal(bin, 'ours', 'ADD', hostLocalConfig(data.path, DUAL));
      const again = await hostLocal(bin, 'ours', 'ADD', hostLocalConfig(data.path, DUAL));
      expect(again.exitCode).toBe(1);
      expect(again.json?.msg).toContain('duplicate allocation is not allowed');
    });

    it.each([
      [[[{ subnet: '10.0.0.0/31' }]], 'too small'],
      [[[{ subnet: '10.0.0.1/24' }]], 'host bits'],
      [[[{ subnet: '10.0.0.0/24' }, { subnet: 'fd00::/64' }]], 'mixed address families'],
      [[[{ subnet: '10.0.0.0/24' }], [{ subnet: '10.0.0.0/25' }]], 'overlaps'],
    ])('rejects invalid ranges with code 7 (%j)', async (ranges, reason) => {
      const out = await hostLocal(bin, 'ours', 'ADD', hostLocalConfig(data.path, ranges));
      expect(out.json).toMatchObject({ code: 7 });
      expect(out.json?.msg).toContain(reason);
    });

    it('refuses two addresses of one family at 0.2.0', async () => {
      const config = {
        ...hostLocalConfig(data.path, [[{ subnet: '10.1.0.0/24' }], [{ subnet: '10.2.0.0/24' }]]),
        cniVersion: '0.2.0',
      };
      const out = await hostLocal(bin, 'ours', 'ADD', config);
      expect(out.json?.msg).toContain('does not support more than 1 address per family');
    });
  });

  describe('DEL and CHECK', () => {
    it('releases the attachment, tolerates repeats and unknown IDs', async () => {
      await hostLocal(bin, 'ours', 'ADD', hostLocalConfig(data.path, DUAL));
      expect((await hostLocal(bin, 'ours', 'DEL', hostLocalConfig(data.path, DUAL))).exitCode).toBe(0);
      expect(leaseFiles(data.path)).toEqual([]);
      expect((await hostLocal(bin, 'ours', 'DEL', hostLocalConfig(data.path, DUAL))).exitCode).toBe(0);
      const unknown = await hostLocal(bin, 'ours', 'DEL', hostLocalConfig(data.path, DUAL), {
        CNI_CONTAINERID: 'never',
      });
      expect(unknown.exitCode).toBe(0);
    });

    it('releases on DEL even when the ranges no longer parse (bug catalogue 11)', async () => {
      await hostLocal(bin, 'ours', 'ADD', hostLocalConfig(data.path, DUAL));
      const broken = hostLocalConfig(data.path, [[{ subnet: 'not-a-subnet' }]]);
      expect((await hostLocal(bin, 'ours', 'DEL', broken)).exitCode).toBe(0);
      expect(leaseFiles(data.path)).toEqual([]);
    });

    it('keeps other attachments of the same container (P-ADD-8)', async () => {
      await hostLocal(bin, 'ours', 'ADD', hostLocalConfig(data.path, DUAL));
      await hostLocal(bin, 'ours', 'ADD', hostLocalConfig(data.path, DUAL), { CNI_IFNAME: 'eth1' });
      await hostLocal(bin, 'ours', 'DEL', hostLocalConfig(data.path, DUAL));
      expect(leaseFiles(data.path).sort()).toEqual(['10.30.0.3', 'fd30::3']);
    });

    it('passes CHECK while leased and fails once the lease file is gone', async () => {
      const add = await hostLocal(bin, 'ours', 'ADD', hostLocalConfig(data.path, DUAL));
      const config = { ...hostLocalConfig(data.path, DUAL), prevResult: add.json };
      expect(await hostLocal(bin, 'ours', 'CHECK', config)).toMatchObject({ exitCode: 0, stdout: '' });
      await hostLocal(bin, 'ours', 'DEL', config);
      const after = await hostLocal(bin, 'ours', 'CHECK', config);
      expect(after.exitCode).toBe(1);
      expect(after.json?.msg).toContain('Failed to find address added by container c1');
    });
  });

  describe('GC and STATUS', () => {
    it('GC releases every lease not in cni.dev/valid-attachments and keeps the valid ones', async () => {
      const config = { ...hostLocalConfig(data.path, DUAL), cniVersion: '1.1.0' };
      for (const id of ['a', 'b', 'c']) await hostLocal(bin, 'ours', 'ADD', config, { CNI_CONTAINERID: id });
      const gc = await hostLocal(bin, 'ours', 'GC', {
        ...config,
        'cni.dev/valid-attachments': [{ containerID: 'b', ifname: 'eth0' }],
      });
      expect(gc).toMatchObject({ exitCode: 0, stdout: '' });
      expect(leaseFiles(data.path).sort()).toEqual(['10.30.0.3', 'fd30::3']);
      expect((await hostLocal(bin, 'ours', 'CHECK', config, { CNI_CONTAINERID: 'b' })).exitCode).toBe(0);
    });

    it('STATUS succeeds when ranges come only from runtimeConfig.ipRanges', async () => {
      const config = { ...hostLocalConfig(data.path, []), cniVersion: '1.1.0' };
      expect(await hostLocal(bin, 'ours', 'STATUS', config)).toMatchObject({ exitCode: 0, stdout: '' });
    });

    it('STATUS fails with code 50 once a range set is exhausted', async () => {
      const config = { ...hostLocalConfig(data.path, [[{ subnet: '10.50.0.0/30' }]]), cniVersion: '1.1.0' };
      expect((await hostLocal(bin, 'ours', 'STATUS', config)).exitCode).toBe(0);
      await hostLocal(bin, 'ours', 'ADD', config);
      const status = await hostLocal(bin, 'ours', 'STATUS', config);
      expect(status.json).toMatchObject({ cniVersion: '1.1.0', code: 50 });
      const add = await hostLocal(bin, 'ours', 'ADD', config, { CNI_CONTAINERID: 'c2' });
      expect(add.json?.msg).toContain('no IP addresses available');
    });
  });
});
