/**
 * Turns one runtime scenario into vitest tests: the scenario runs once against the runtime under test, then
 * each judge rule becomes a test titled by its requirement ID, with the typed `task.meta.requirement` the report
 * reporter reads, so runtime findings land in the same JUnit/JSON/HTML reports as plugin checks.
 */
import { beforeAll, describe, test } from 'vitest';
import type { Finding } from '../../../src/runtime-conformance/finding.ts';
import { RUNTIME_RULES, verdictLevel } from '../../../src/runtime-conformance/judge.ts';
import { findingFailureText, ruleTestName } from '../../../src/runtime-conformance/report-model.ts';
import { resolveRuntimeAdapter } from '../../../src/runtime-conformance/runtime-target.ts';
import {
  type RuntimeScenario,
  runScenario,
  type ScenarioRun,
} from '../../../src/runtime-conformance/scenario.ts';
import { checkTags } from '../../support/check.ts';
import { getRuntimeTarget } from './runtime-target.ts';

/** Declares the tests of one scenario. */
export function judgeScenario(scenario: RuntimeScenario): void {
  const target = getRuntimeTarget();
  describe(`${scenario.name}: ${scenario.summary}`, () => {
    let run: ScenarioRun | undefined;
    beforeAll(async () => {
      run = await runScenario(scenario, await resolveRuntimeAdapter(target), { profile: target.profile });
    }, 300_000);

    RUNTIME_RULES.forEach((rule, index) => {
      const level = verdictLevel(rule, target.profile);
      test(ruleTestName(rule, scenario), { tags: checkTags([rule.id], level) }, (tc) => {
        tc.task.meta.requirement = {
          ids: [rule.id],
          level,
          specLevel: rule.level,
          version: undefined,
          profile: target.profile,
        };
        if (!run) throw new Error(`scenario ${scenario.name} did not run`);
        if (run.skipped) tc.skip(run.skipped);
        const finding = run.report.findings[index] as Finding;
        if (finding.verdict === 'skip') tc.skip(finding.message);
        if (finding.violations.length > 0) throw new Error(findingFailureText(finding));
      });
    });
  });
}
