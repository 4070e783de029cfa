/**
 * Scenarios of one attachment's life: ADD, CHECK, DEL, a repeated DEL and a CHECK after DEL, plus version
 * selection and the disable switches (R-CFG-*, R-ENV-*, R-REQ-*, R-ADD-*, R-DEL-*, R-CHK-*, R-LIFE-*, R-CACHE-*).
 */
import type { RuntimeScenario } from '../scenario.ts';

const CAPABILITY_ARGS = {
  portMappings: [{ hostPort: 8080, containerPort: 80, protocol: 'tcp' }],
  mac: 'c2:11:22:33:44:55',
};

/** ADD, CHECK, DEL, DEL again, CHECK after DEL over a three-spy chain with capabilities. */
export const lifecycleScenario: RuntimeScenario = {
  name: 'lifecycle',
  summary: 'one attachment through ADD, CHECK, DEL, a repeated DEL and a CHECK after DEL',
  exercises: [
    'R-ENV-1',
    'R-ENV-2',
    'R-ENV-3',
    'R-ENV-4',
    'R-ENV-5',
    'R-REQ-1',
    'R-REQ-2',
    'R-REQ-3',
    'R-REQ-4',
    'R-REQ-5',
    'R-ADD-1',
    'R-ADD-2',
    'R-DEL-1',
    'R-DEL-2',
    'R-DEL-4',
    'R-CHK-1',
    'R-CHK-2',
    'R-LIFE-2',
    'R-LIFE-3',
    'R-LIFE-5',
    'R-CACHE-1',
  ],
  // CHECK is optional: a runtime that cannot trigger it still gets the rest judged.
  verbs: ['ADD', 'DEL'],
  networks: [
    {
      cniVersion: '1.1.0',
      name: 'rt-chain',
      plugins: [
        {
          type: 'spy-a',
          name: 'ignored-own-name',
          cniVersion: '0.3.1',
          opaque: { nested: [1, null, 'x'], flag: false },
        },
        { type: 'spy-b', capabilities: { portMappings: true, mac: false } },
        { type: 'spy-c', capabilities: { bandwidth: true } },
      ],
    },
  ],
  control: { rules: [{ type: 'spy-c', verb: 'ADD', behaviour: { mutate: { mac: '02:00:00:00:00:cc' } } }] },
  capabilityArgs: CAPABILITY_ARGS,
  lifecycleComplete: true,
  async play(kit) {
    const c1 = { network: 'rt-chain', containerId: 'c1' };
    await kit.container('c1');
    await kit.add(c1);
    await kit.check(c1);
    await kit.del(c1);
    await kit.del(c1);
    await kit.check(c1);
    await kit.removeContainer('c1');
  },
};

/** cniVersion 0.4.0 with cniVersions up to 1.1.0: the runtime must select 1.1.0. */
export const versionScenario: RuntimeScenario = {
  name: 'version-selection',
  summary: 'the highest supported version of cniVersion ∪ cniVersions is sent to every plugin',
  exercises: ['R-CFG-1', 'R-REQ-1'],
  verbs: ['ADD', 'DEL'],
  networks: [
    {
      cniVersion: '0.4.0',
      cniVersions: ['0.3.1', '1.0.0', '1.1.0'],
      name: 'rt-version',
      plugins: [{ type: 'spy-a' }, { type: 'spy-b' }],
    },
  ],
  lifecycleComplete: true,
  async play(kit) {
    const v1 = { network: 'rt-version', containerId: 'v1' };
    await kit.container('v1');
    await kit.add(v1);
    await kit.del(v1);
    await kit.removeContainer('v1');
  },
};

/** disableCheck: CHECK is asked for but must not reach a plugin. */
export const disabledCheckScenario: RuntimeScenario = {
  name: 'disabled-check',
  summary: 'disableCheck keeps CHECK away from the plugins',
  exercises: ['R-CFG-2'],
  verbs: ['ADD', 'CHECK', 'DEL'],
  networks: [
    {
      cniVersion: '1.1.0',
      name: 'rt-nocheck',
      disableCheck: true,
      plugins: [{ type: 'spy-a' }, { type: 'spy-b' }],
    },
  ],
  lifecycleComplete: true,
  async play(kit) {
    const d1 = { network: 'rt-nocheck', containerId: 'd1' };
    await kit.container('d1');
    await kit.add(d1);
    await kit.check(d1);
    await kit.del(d1);
    await kit.removeContainer('d1');
  },
};

/** disableGC: GC is asked for but must not reach a plugin. */
export const disabledGcScenario: RuntimeScenario = {
  name: 'disabled-gc',
  summary: 'disableGC keeps GC away from the plugins',
  exercises: ['R-CFG-3'],
  verbs: ['ADD', 'GC', 'DEL'],
  networks: [
    {
      cniVersion: '1.1.0',
      name: 'rt-nogc',
      disableGC: true,
      plugins: [{ type: 'spy-a' }, { type: 'spy-b' }],
    },
  ],
  lifecycleComplete: true,
  async play(kit) {
    const d2 = { network: 'rt-nogc', containerId: 'd2' };
    await kit.container('d2');
    await kit.add(d2);
    await kit.gc('rt-nogc', [{ containerID: 'd2', ifname: 'eth0' }]);
    await kit.del(d2);
    await kit.removeContainer('d2');
  },
};
