import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PLUGIN_BUILDS, pluginsOf, scratchDir, sh } from '../support.ts';
import { addressesOf, type Flavour, hostLocal, hostLocalConfig, leaseFiles } from './host-local-support.ts';

const V4 = [[{ subnet: '10.60.0.0/24' }]];

// Behaviour must not depend on the build: every test runs against the Node bundle and the native build.
describe.each(PLUGIN_BUILDS)('%s build', (build) => {
  let bin: string;
  let data: { path: string; remove: () => void };

  beforeAll(async () => {
    bin = await pluginsOf(build);
  });
  beforeEach(() => {
    data = scratchDir('hl-shared');
  });
  afterEach(() => data.remove());

  describe('host-local shared state', () => {
    describe('when 64 ADDs run at once', () => {
      it('hands out 64 distinct addresses, and 64 parallel DELs release them all (P-CONC-1)', async () => {
        const config = hostLocalConfig(data.path, V4);
        const ids = Array.from({ length: 64 }, (_, index) => `k${index}`);
        const adds = await Promise.all(
          ids.map((id) => hostLocal(bin, 'ours', 'ADD', config, { CNI_CONTAINERID: id })),
        );
        expect(adds.map((out) => out.exitCode)).toEqual(ids.map(() => 0));
        const addresses = adds.flatMap(addressesOf);
        expect(new Set(addresses).size).toBe(64);
        expect(leaseFiles(data.path)).toHaveLength(64);
        await Promise.all(ids.map((id) => hostLocal(bin, 'ours', 'DEL', config, { CNI_CONTAINERID: id })));
        expect(leaseFiles(data.path)).toEqual([]);
      }, 180_000);
    });

    describe('when a lock holder is SIGKILLed', () => {
      it('blocks upstream host-local while held, and frees the lock when killed', async () => {
        const config = hostLocalConfig(data.path, V4);
        // Seed the directory, then plant a FIFO lease: reading it blocks our plugin while it holds the lock.
        await hostLocal(bin, 'ours', 'ADD', config, { CNI_CONTAINERID: 'seed' });
        const fifo = join(data.path, 'hl-net', '10.60.0.200');
        sh(['mkfifo', fifo]);
        const holder = spawn(join(bin, 'host-local'), [], {
          env: {
            PATH: process.env.PATH,
            CNI_COMMAND: 'ADD',
            CNI_CONTAINERID: 'holder',
            CNI_NETNS: '/dev/null',
            CNI_IFNAME: 'eth0',
            CNI_PATH: bin,
          },
          stdio: ['pipe', 'ignore', 'ignore'],
        });
        holder.stdin.end(JSON.stringify(config));
        await new Promise((resolve) => setTimeout(resolve, 1500));
        let upstreamDone = false;
        const upstream = hostLocal(bin, 'upstream', 'ADD', config, { CNI_CONTAINERID: 'waiter' }).then(
          (out) => {
            upstreamDone = true;
            return out;
          },
        );
        await new Promise((resolve) => setTimeout(resolve, 1000));
        expect(upstreamDone).toBe(false);
        sh(['rm', fifo]);
        holder.kill('SIGKILL');
        const started = Date.now();
        const out = await upstream;
        expect(out.exitCode).toBe(0);
        expect(Date.now() - started).toBeLessThan(5000);
        const ours = await hostLocal(bin, 'ours', 'ADD', config, { CNI_CONTAINERID: 'after' });
        expect(ours.exitCode).toBe(0);
      }, 60_000);
    });

    describe('when ours and upstream alternate on one data dir', () => {
      const flavours: Flavour[] = ['ours', 'upstream', 'ours', 'upstream'];

      it('continue one round-robin, see each other leases, and release each other', async () => {
        const config = hostLocalConfig(data.path, V4);
        const addresses: string[] = [];
        for (const [index, flavour] of flavours.entries()) {
          const out = await hostLocal(bin, flavour, 'ADD', config, { CNI_CONTAINERID: `c${index}` });
          expect(out.exitCode).toBe(0);
          addresses.push(...addressesOf(out));
        }
        expect(addresses).toEqual(['10.60.0.2/24', '10.60.0.3/24', '10.60.0.4/24', '10.60.0.5/24']);
        expect(readFileSync(join(data.path, 'hl-net', '10.60.0.3'), 'utf8')).toBe('c1\r\neth0');
        // Duplicate detection across implementations.
        const dup = await hostLocal(bin, 'ours', 'ADD', config, { CNI_CONTAINERID: 'c1' });
        expect(dup.json?.msg).toContain('duplicate allocation');
        // Each releases and checks the other's leases.
        expect((await hostLocal(bin, 'upstream', 'CHECK', config, { CNI_CONTAINERID: 'c0' })).exitCode).toBe(
          0,
        );
        expect((await hostLocal(bin, 'ours', 'CHECK', config, { CNI_CONTAINERID: 'c1' })).exitCode).toBe(0);
        await hostLocal(bin, 'ours', 'DEL', config, { CNI_CONTAINERID: 'c1' });
        await hostLocal(bin, 'upstream', 'DEL', config, { CNI_CONTAINERID: 'c0' });
        expect(leaseFiles(data.path).sort()).toEqual(['10.60.0.4', '10.60.0.5']);
      }, 60_000);
    });
  });
});
