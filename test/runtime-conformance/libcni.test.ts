import { beforeAll, describe, expect, it } from 'vitest';
import { createLibcniAdapter, libcniUnavailable } from '../../src/runtime-conformance/adapters/libcni.ts';
import { runScenario } from '../../src/runtime-conformance/scenario.ts';
import { RUNTIME_SCENARIOS } from '../../src/runtime-conformance/scenarios/index.ts';
import { ensureSpyBinary } from './spy-binary.ts';

/**
 * libcni 1.1.2 (Debian golang-github-appc-cni-dev) deviations, reproduced by the driver in drivers/libcni:
 * - R-REQ-4: `capabilities` stays in every request (notes §0.11).
 * - R-CHK-1: CheckNetworkList runs CHECK for an attachment that was already deleted (no cached-result check).
 * - R-ADD-3 / R-LIFE-2: AddNetworkList does not DEL after a failed ADD; that is left to the embedding runtime.
 * - R-REQ-7: buildOneConfig copies the plugin object and injects only name/cniVersion/prevResult/runtimeConfig,
 *   so authored `args` and `cni.dev/*` keys reach the plugin unchanged (hand-checked in the spy log).
 * libcni 1.1.2 stops at CNI 1.0.0, so the 1.1.0 sibling-dir aggregation (R-CFG-4) is skipped, not failed.
 */
const EXPECTED_STRICT_FAILURES: Readonly<Record<string, readonly string[]>> = {
  lifecycle: ['R-CHK-1', 'R-REQ-4'],
  'add-failure': ['R-ADD-3', 'R-LIFE-2'],
  'reserved-keys': ['R-REQ-7'],
};

/** Why libcni 1.1.2 cannot run a scenario: no GC/STATUS, and nothing of CNI 1.1.0. */
const EXPECTED_SKIP =
  /cannot trigger (GC|STATUS)|supports CNI up to 1\.0\.0; aggregated plugin configs \(R-CFG-4\)/;

let unavailable: string | undefined;

beforeAll(async () => {
  await ensureSpyBinary();
  unavailable = await libcniUnavailable();
});

describe('libcni adapter', () => {
  describe.each(RUNTIME_SCENARIOS.map((s) => [s.name, s] as const))(
    'in the %s scenario',
    (name, scenario) => {
      it('reports exactly the known libcni deviations under strict', async (ctx) => {
        if (unavailable) ctx.skip(unavailable);
        const run = await runScenario(scenario, createLibcniAdapter, { profile: 'strict' });
        if (run.skipped) {
          // libcni 1.1.2 has no GC/STATUS and no 1.1.0: the scenario must say so rather than pass.
          expect(run.skipped).toMatch(EXPECTED_SKIP);
          return;
        }
        const failing = [
          ...new Set(run.report.findings.filter((f) => f.verdict === 'fail').map((f) => f.id)),
        ].sort();
        expect(failing).toEqual(EXPECTED_STRICT_FAILURES[name] ?? []);
      });
    },
  );

  it("accepts libcni's own deviations as warnings under compat", async (ctx) => {
    if (unavailable) ctx.skip(unavailable);
    const lifecycle = RUNTIME_SCENARIOS.find((s) => s.name === 'lifecycle');
    if (!lifecycle) throw new Error('no lifecycle scenario');
    const run = await runScenario(lifecycle, createLibcniAdapter, { profile: 'compat' });
    const warned = run.report.findings.filter((f) => f.verdict === 'warn').map((f) => f.id);
    expect(warned.sort()).toEqual(['R-CHK-1', 'R-REQ-4']);
    expect(run.report.failed).toBe(false);
  });
});
