/**
 * Garbage collection and concurrency: the valid-attachment list, GC errors that do not stop the loop, GC
 * exclusive with ADD/DEL, and one operation at a time per container (R-GC-*, R-LIFE-*).
 */
import type { RuntimeScenario } from '../scenario.ts';

const ids = ['g1', 'g2', 'g3'];

/** Three containers, one deleted, then GC (spy-a failing) with the two survivors. */
export const gcScenario: RuntimeScenario = {
  name: 'gc',
  summary: 'GC reaches every plugin despite errors and lists exactly the live attachments',
  exercises: ['R-GC-1', 'R-GC-2', 'R-GC-4', 'R-REQ-6'],
  verbs: ['ADD', 'DEL', 'GC'],
  networks: [
    {
      cniVersion: '1.1.0',
      name: 'rt-gc',
      plugins: [{ type: 'spy-a' }, { type: 'spy-b' }, { type: 'spy-c' }],
    },
  ],
  control: {
    rules: [{ type: 'spy-a', verb: 'GC', behaviour: { fail: { code: 999, msg: 'spy: gc failed' } } }],
  },
  lifecycleComplete: true,
  async play(kit) {
    for (const id of ids) {
      await kit.container(id);
      await kit.add({ network: 'rt-gc', containerId: id });
    }
    await kit.del({ network: 'rt-gc', containerId: 'g2' });
    await kit.gc('rt-gc', [
      { containerID: 'g1', ifname: 'eth0' },
      { containerID: 'g3', ifname: 'eth0' },
    ]);
    for (const id of ['g1', 'g3']) await kit.del({ network: 'rt-gc', containerId: id });
    for (const id of ids) await kit.removeContainer(id);
  },
};

/** Two ifnames of one container added at once, and a GC started while an ADD is in flight. */
export const concurrencyScenario: RuntimeScenario = {
  name: 'concurrency',
  summary: 'operations on one container never overlap and GC never overlaps ADD or DEL',
  exercises: ['R-LIFE-1', 'R-GC-3'],
  verbs: ['ADD', 'DEL', 'GC'],
  networks: [{ cniVersion: '1.1.0', name: 'rt-conc', plugins: [{ type: 'spy-a' }, { type: 'spy-b' }] }],
  control: {
    rules: [
      { verb: 'ADD', behaviour: { sleepMs: 150 } },
      { verb: 'GC', behaviour: { sleepMs: 150 } },
    ],
  },
  lifecycleComplete: true,
  async play(kit) {
    await kit.container('p1');
    await kit.container('p2');
    const p1 = { network: 'rt-conc', containerId: 'p1' };
    await Promise.all([kit.add(p1), kit.add({ ...p1, ifname: 'eth1' })]);
    const p2 = kit.add({ network: 'rt-conc', containerId: 'p2' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const gc = kit.gc('rt-conc', [
      { containerID: 'p1', ifname: 'eth0' },
      { containerID: 'p1', ifname: 'eth1' },
    ]);
    await Promise.all([p2, gc]);
    await Promise.all([
      kit.del(p1),
      kit.del({ ...p1, ifname: 'eth1' }),
      kit.del({ network: 'rt-conc', containerId: 'p2' }),
    ]);
    for (const id of ['p1', 'p2']) await kit.removeContainer(id);
  },
};
