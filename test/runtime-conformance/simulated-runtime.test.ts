import { beforeAll, describe, expect, it } from 'vitest';
import { createSimulatedAdapter } from '../../src/runtime-conformance/adapters/simulated.ts';
import { formatFinding } from '../../src/runtime-conformance/render.ts';
import { runScenario } from '../../src/runtime-conformance/scenario.ts';
import { RUNTIME_SCENARIOS } from '../../src/runtime-conformance/scenarios/index.ts';
import { ensureSpyBinary } from './spy-binary.ts';

beforeAll(ensureSpyBinary);

describe('the simulated runtime', () => {
  describe.each(RUNTIME_SCENARIOS.map((s) => [s.name, s] as const))(
    'in the %s scenario',
    (_name, scenario) => {
      it('passes strict and judges every requirement the scenario exercises', async () => {
        const run = await runScenario(scenario, (workspace) => createSimulatedAdapter(workspace), {
          profile: 'strict',
        });
        const failing = run.report.findings.filter((f) => f.verdict === 'fail').map(formatFinding);
        expect(failing).toEqual([]);
        const judged = new Set(run.report.findings.filter((f) => f.verdict === 'pass').map((f) => f.id));
        expect(scenario.exercises.filter((id) => !judged.has(id))).toEqual([]);
      });
    },
  );
});
