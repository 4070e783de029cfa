import { beforeAll, describe, expect, it } from 'vitest';
import { FAULTY_RUNTIMES } from '../../fixtures/faulty-runtimes/index.ts';
import { RUNTIME_RULES } from '../../src/runtime-conformance/judge.ts';
import { formatFinding } from '../../src/runtime-conformance/render.ts';
import { runScenario } from '../../src/runtime-conformance/scenario.ts';
import { RUNTIME_SCENARIOS } from '../../src/runtime-conformance/scenarios/index.ts';
import { ensureSpyBinary } from './spy-binary.ts';

function scenarioNamed(name: string) {
  const scenario = RUNTIME_SCENARIOS.find((s) => s.name === name);
  if (!scenario) throw new Error(`no scenario ${name}`);
  return scenario;
}

beforeAll(ensureSpyBinary);

describe('faulty runtimes', () => {
  it('number at least eight, each named after the requirement it breaks', () => {
    expect(FAULTY_RUNTIMES.length).toBeGreaterThanOrEqual(8);
    for (const faulty of FAULTY_RUNTIMES) expect(faulty.name.startsWith(`${faulty.catches}-`)).toBe(true);
  });

  it('cover every runtime requirement a rule judges', () => {
    const judged = new Set(RUNTIME_RULES.map((rule) => rule.id).filter((id) => id.startsWith('R-')));
    const caught = new Set(FAULTY_RUNTIMES.map((faulty) => faulty.catches));
    expect([...judged].filter((id) => !caught.has(id))).toEqual([]);
  });

  describe.each(FAULTY_RUNTIMES.map((f) => [f.name, f] as const))('%s', (_name, faulty) => {
    it(`is caught by ${faulty.catches} in the ${faulty.scenario} scenario`, async () => {
      // Arrange
      const scenario = scenarioNamed(faulty.scenario);
      // Act
      const run = await runScenario(scenario, faulty.adapter, { profile: 'strict' });
      // Assert
      const verdict = faulty.verdict ?? 'fail';
      const caught = run.report.findings.filter((f) => f.id === faulty.catches && f.verdict === verdict);
      expect(caught.map(formatFinding), run.report.findings.map(formatFinding).join('\n')).not.toEqual([]);
      // An IMPL finding is information: it must not fail the run on its own.
      if (verdict === 'fail') expect(run.report.failed).toBe(true);
      else expect(run.report.findings.filter((f) => f.verdict === 'fail').map(formatFinding)).toEqual([]);
    });
  });
});

describe('the libcni-compat runtime', () => {
  it('only warns about capabilities left in under the compat profile', async () => {
    const faulty = FAULTY_RUNTIMES.find((f) => f.catches === 'R-REQ-4');
    if (!faulty) throw new Error('missing R-REQ-4 fixture');
    const run = await runScenario(scenarioNamed('lifecycle'), faulty.adapter, { profile: 'compat' });
    const finding = run.report.findings.find((f) => f.id === 'R-REQ-4');
    expect(finding?.verdict).toBe('warn');
  });
});
