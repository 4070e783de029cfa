/**
 * Scenarios where plugins fail: ADD, DEL and STATUS errors must stop the chain, be reported with their code,
 * and a failed ADD must be cleaned up (R-ADD-*, R-DEL-*, R-STAT-*, R-ERR-*).
 */
import type { RuntimeScenario } from '../scenario.ts';

const chain = (name: string) => ({
  cniVersion: '1.1.0',
  name,
  plugins: [{ type: 'spy-a' }, { type: 'spy-b' }, { type: 'spy-c' }],
});

/** spy-b fails ADD with code 7: spy-c never sees ADD, the error is reported, every plugin gets DEL. */
export const addFailureScenario: RuntimeScenario = {
  name: 'add-failure',
  summary: 'a failing ADD stops the chain, is reported with its code and is cleaned up by DEL',
  exercises: ['R-ADD-1', 'R-ADD-3', 'R-ERR-1'],
  verbs: ['ADD', 'DEL'],
  networks: [chain('rt-addfail')],
  control: {
    rules: [
      { type: 'spy-b', verb: 'ADD', behaviour: { fail: { code: 7, msg: 'spy: invalid network config' } } },
    ],
  },
  lifecycleComplete: true,
  async play(kit) {
    await kit.container('f1');
    await kit.add({ network: 'rt-addfail', containerId: 'f1' });
    await kit.removeContainer('f1');
  },
};

/** spy-b fails DEL with code 11: spy-a is not called; a retried DEL then succeeds. */
export const delFailureScenario: RuntimeScenario = {
  name: 'del-failure',
  summary: 'a failing DEL stops the chain and is reported; a retried DEL completes',
  exercises: ['R-DEL-1', 'R-DEL-3', 'R-ERR-1', 'R-LIFE-2'],
  verbs: ['ADD', 'DEL'],
  networks: [chain('rt-delfail')],
  control: {
    rules: [{ type: 'spy-b', verb: 'DEL', behaviour: { fail: { code: 11, msg: 'spy: try again later' } } }],
  },
  lifecycleComplete: true,
  async play(kit) {
    const e1 = { network: 'rt-delfail', containerId: 'e1' };
    await kit.container('e1');
    await kit.add(e1);
    await kit.del(e1);
    await kit.workspace.writeControl({});
    await kit.del(e1);
    await kit.removeContainer('e1');
  },
};

/** STATUS over a list whose second plugin reports code 50. */
export const statusScenario: RuntimeScenario = {
  name: 'status',
  summary: 'STATUS probes the plugins in order with no attachment parameters and reports code 50',
  exercises: ['R-STAT-1', 'R-STAT-2', 'R-REQ-6', 'R-ERR-1'],
  verbs: ['STATUS'],
  networks: [chain('rt-status')],
  control: {
    rules: [
      { type: 'spy-b', verb: 'STATUS', behaviour: { fail: { code: 50, msg: 'spy: plugin not available' } } },
    ],
  },
  lifecycleComplete: true,
  async play(kit) {
    await kit.status('rt-status');
  },
};
