/**
 * Scenarios of what goes into a request beyond the plugin object: authored runtime-reserved keys (R-REQ-7) and
 * the version of the prevResult a runtime hands DEL and CHECK (R-REQ-8) (R-REQ-*, SPEC.md "Deriving execution configuration from plugin configuration").
 */
import type { RuntimeScenario } from '../scenario.ts';

/** spy-a's object carries authored `args` and `cni.dev/*` keys, which only the runtime may generate. */
export const reservedKeysScenario: RuntimeScenario = {
  name: 'reserved-keys',
  summary: 'authored `args` and `cni.dev/*` keys are not passed on as if the runtime had generated them',
  exercises: ['R-REQ-7'],
  verbs: ['ADD', 'DEL'],
  networks: [
    {
      cniVersion: '1.1.0',
      name: 'rt-reserved',
      plugins: [
        {
          type: 'spy-a',
          args: { cni: { ips: ['10.99.0.9'] } },
          'cni.dev/valid-attachments': [{ containerID: 'authored', ifname: 'eth9' }],
          'cni.dev/authored': 'written by the config author',
        },
        { type: 'spy-b' },
      ],
    },
  ],
  lifecycleComplete: true,
  async play(kit) {
    const k1 = { network: 'rt-reserved', containerId: 'k1' };
    await kit.container('k1');
    await kit.add(k1);
    await kit.del(k1);
    await kit.removeContainer('k1');
  },
};

/** A 1.0.0-shaped result (no ips[].version) from the last plugin of a 0.4.0 list. */
const RESULT_1_0_0 = {
  cniVersion: '1.0.0',
  interfaces: [{ name: 'eth0', mac: '02:00:00:00:00:0b', sandbox: '/var/run/netns/x' }],
  ips: [{ address: '10.88.0.5/16', gateway: '10.88.0.1', interface: 0 }],
  routes: [{ dst: '0.0.0.0/0' }],
};

/** The last plugin answers ADD in another version's shape: CHECK and DEL must get it in the list's (0.4.0). */
export const resultVersionScenario: RuntimeScenario = {
  name: 'result-version',
  summary: "CHECK and DEL get the cached result converted to the list's cniVersion",
  exercises: ['R-REQ-8', 'R-DEL-2'],
  verbs: ['ADD', 'DEL'],
  networks: [{ cniVersion: '0.4.0', name: 'rt-resver', plugins: [{ type: 'spy-a' }, { type: 'spy-b' }] }],
  control: { rules: [{ type: 'spy-b', verb: 'ADD', behaviour: { result: RESULT_1_0_0 } }] },
  lifecycleComplete: true,
  async play(kit) {
    const r1 = { network: 'rt-resver', containerId: 'r1' };
    await kit.container('r1');
    await kit.add(r1);
    await kit.check(r1);
    await kit.del(r1);
    await kit.removeContainer('r1');
  },
};
