import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { leaseFiles } from '../ipam/host-local-support.ts';
import { buildPlugins, createNetns, type TestNetns } from '../support.ts';
import {
  type BridgeWorld,
  bridge,
  bridgeConfig,
  createWorld,
  ipIn,
  type ShownLink,
} from './bridge-support.ts';

let bin: string;
let world: BridgeWorld;
let containers: TestNetns[] = [];

beforeAll(async () => {
  bin = await buildPlugins();
});
beforeEach(() => {
  world = createWorld();
  containers = Array.from({ length: 8 }, () => createNetns('brcc'));
});
afterEach(() => {
  for (const netns of containers) netns.remove();
  world.remove();
});

describe('bridge under concurrency', () => {
  it('8 parallel ADDs on a bridge that does not exist yet all succeed with distinct addresses', async () => {
    const config = bridgeConfig(world, { isGateway: true, ipMasq: true, ipMasqBackend: 'iptables' });
    const adds = await Promise.all(
      containers.map((netns, index) =>
        bridge(bin, world, 'ADD', config, { env: { CNI_NETNS: netns.path, CNI_CONTAINERID: `cc${index}` } }),
      ),
    );
    expect(adds.map((add) => [add.exitCode, add.json?.msg])).toEqual(adds.map(() => [0, undefined]));
    const addresses = adds.map((add) => (add.json?.ips as { address: string }[] | undefined)?.[0]?.address);
    expect(new Set(addresses).size).toBe(8);
    const ports = ipIn<ShownLink>(world.host, ['link', 'show']).filter((link) => link.master === 'cnibr0');
    expect(ports).toHaveLength(8);
    await Promise.all(
      containers.map((netns, index) =>
        bridge(bin, world, 'DEL', config, { env: { CNI_NETNS: netns.path, CNI_CONTAINERID: `cc${index}` } }),
      ),
    );
    expect(leaseFiles(world.dataDir, 'br-net')).toEqual([]);
    expect(ipIn<ShownLink>(world.host, ['link', 'show']).map((link) => link.ifname)).toEqual([
      'lo',
      'cnibr0',
    ]);
  }, 120_000);
});
