/**
 * Shared body of the faulty-fixture tests: each fixture of the manifest whose requirement a plugin-suite check
 * cites must be caught by that check. The three test files (faulty-a/b/c) run one shard each, so vitest spreads
 * them over its workers.
 */
import { expect, test } from 'vitest';
import {
  FAULTY_FIXTURES,
  type FaultyFixture,
  fixturePath,
} from '../../../fixtures/faulty-plugins/manifest.ts';
import { runSuiteFiles, type SuiteOutcome } from './run-suites.ts';
import { suiteFilesCiting } from './suite-files.ts';

const ID = /^[PR]-[A-Z]+-\d+$/;

/**
 * Fixtures whose fault only the fidelity suites (suites/fidelity: PROP, CONC, FAULT) can see; the fidelity score
 * (test/suites/fidelity-score.test.ts) proves them through the CLI.
 */
const FIDELITY_SUITE_FIXTURES = new Set([
  'P-ADD-2-duplicate-ip-on-exhaustion.sh',
  'P-CONC-1-no-locking.sh',
  'P-DEL-1-del-fails-on-corrupt-store.sh',
  'P-DEL-1-ipam-releases-other-containers.sh',
  'P-DLG-5-leaks-ip-after-failed-add.sh',
  'P-DLG-3-del-ignores-missing-ipam.sh',
  'P-DEL-1-del-fails-without-own-cache.sh',
  'P-CAP-1-bandwidth-of-first-attachment.sh',
  'P-DEL-1-ipam-keeps-ipv6-leases.sh',
]);

/** Shard `index` of `count` of the fixtures the plugin suites prove (round robin over the sorted manifest). */
export function pluginSuiteShard(index: number, count: number): FaultyFixture[] {
  return FAULTY_FIXTURES.filter(
    (fixture) =>
      !FIDELITY_SUITE_FIXTURES.has(fixture.file) && suiteFilesCiting(fixture.requirement).length > 0,
  ).filter((_fixture, position) => position % count === index);
}

/** The value of `--versions` in the fixture's extra CLI arguments, as a list. */
function versionsArgument(fixture: FaultyFixture): string[] | undefined {
  const args = fixture.args ?? [];
  const index = args.indexOf('--versions');
  return index >= 0 ? (args[index + 1] ?? '').split(',') : undefined;
}

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
export function testFixturesAreCaught(fixtures: readonly FaultyFixture[]): void {
  for (const fixture of fixtures) {
    test(`${fixture.requirement} catches ${fixture.file} (${fixture.fault})`, async () => {
      const names = fixture.only.filter((entry) => !ID.test(entry));
      const versions = versionsArgument(fixture);
      const outcomes = await runSuiteFiles(suiteFilesCiting(fixture.requirement), {
        plugin: fixturePath(fixture.file),
        config: fixture.config,
        role: fixture.role,
        ...(fixture.cniPath ? { cniPath: fixture.cniPath } : {}),
        ...(versions ? { versions } : {}),
        ...(names.length > 0 ? { testNamePattern: names.map(escapeRegExp).join('|') } : {}),
      });
      const caught = outcomes.filter((o) => o.ids.includes(fixture.requirement) && o.state === 'failed');
      expect(caught, summarize(outcomes)).not.toEqual([]);
    });
  }
}
