/** Shared body of the faulty-fixture tests: each fixture must be caught by the check(s) it targets. */
import { expect, test } from 'vitest';
import { fixturePath } from '../../../fixtures/faulty-plugins/manifest.ts';
import type { PluginSuiteFixture } from '../../../fixtures/faulty-plugins/plugin-suite-fixtures.ts';
import { runSuiteFiles, type SuiteOutcome } from './run-suites.ts';
import { suiteFilesCiting } from './suite-files.ts';

const ID = /^[PR]-[A-Z]+-\d+$/;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** "title: state (first error)" lines, for assertion messages. */
export function summarize(outcomes: readonly SuiteOutcome[]): string {
  return outcomes
    .map(
      (o) =>
        `${o.title}: ${o.state}${o.errors[0] ? ` (${o.errors[0].slice(0, 200)})` : ''}${o.note ? ` [${o.note}]` : ''}`,
    )
    .join('\n');
}

/** One test per fixture: the suites citing its requirement, run against it, fail a check citing that requirement. */
export function testFixturesAreCaught(fixtures: readonly PluginSuiteFixture[]): void {
  for (const fixture of fixtures) {
    test(`${fixture.requirement} catches ${fixture.file} (${fixture.fault})`, async () => {
      const names = (fixture.only ?? []).filter((entry) => !ID.test(entry));
      const outcomes = await runSuiteFiles(suiteFilesCiting(fixture.requirement), {
        plugin: fixturePath(fixture.file),
        config: fixture.config,
        role: fixture.role,
        ...(fixture.cniPath ? { cniPath: fixture.cniPath } : {}),
        ...(names.length > 0 ? { testNamePattern: names.map(escapeRegExp).join('|') } : {}),
      });
      const caught = outcomes.filter((o) => o.ids.includes(fixture.requirement) && o.state === 'failed');
      expect(caught, summarize(outcomes)).not.toEqual([]);
    });
  }
}
