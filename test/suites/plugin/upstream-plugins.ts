/**
 * No false alarms: the plugin suites run against the Debian upstream plugins (containernetworking-plugins 1.1.1)
 * and raise nothing but (a) the pinned, hand-reproduced upstream deviations (`upstreamDeviations` in the checks),
 * which must still reproduce, and (b) warnings for known reference-implementation behaviour (IMPL in compat).
 */
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import type { PluginRole } from '../../../src/target.ts';
import { runSuiteFiles, type SuiteOutcome, summarize } from './run-suites.ts';
import { ownSuiteFiles } from './suite-files.ts';

const DEFAULTS = new URL('../../../fixtures/configs/defaults/', import.meta.url).pathname;

/** The CLI's built-in default config for `type`, with `changes` applied to the entry under test. */
export function defaultConfig(type: string, changes: Record<string, unknown> = {}): Record<string, unknown> {
  const conflist = JSON.parse(readFileSync(`${DEFAULTS}${type}.conflist`, 'utf8')) as {
    plugins: Record<string, unknown>[];
  };
  const index = conflist.plugins.findIndex(
    (entry) => entry.type === type || (entry.ipam as { type?: unknown } | undefined)?.type === type,
  );
  conflist.plugins[index] = { ...conflist.plugins[index], ...changes };
  return conflist;
}

/** One upstream plugin run. */
export interface UpstreamCase {
  readonly type: string;
  readonly role: PluginRole;
  readonly config: Record<string, unknown>;
  /** Title fragments of checks pinned for this plugin that must fail as expected here. */
  readonly pinned?: readonly string[];
  readonly plugin?: string;
  readonly cniPath?: readonly string[];
  readonly files?: readonly string[];
  /** At least this many checks must run and pass (a run that skips everything proves nothing). @defaultValue 10 */
  readonly minPassed?: number;
}

/** Known reference behaviour that warns in compat (level IMPL there), by title fragment. */
const KNOWN_WARNINGS = ['error JSON carries the request cniVersion'];

function falseAlarms(outcomes: readonly SuiteOutcome[]): SuiteOutcome[] {
  return outcomes.filter(
    (o) =>
      o.state === 'failed' &&
      o.knownBug === undefined &&
      !(o.level === 'IMPL' && KNOWN_WARNINGS.some((fragment) => o.title.includes(fragment))),
  );
}

/** Declares the test for one upstream plugin. */
export function testNoFalseAlarm(upstream: UpstreamCase): void {
  test(`${upstream.type} (${upstream.role}): no false alarm, pinned deviations reproduce`, async () => {
    const outcomes = await runSuiteFiles(upstream.files ?? ownSuiteFiles(), {
      plugin: upstream.plugin ?? `/usr/lib/cni/${upstream.type}`,
      config: upstream.config,
      role: upstream.role,
      ...(upstream.cniPath ? { cniPath: upstream.cniPath } : {}),
    });
    expect(falseAlarms(outcomes), summarize(outcomes)).toEqual([]);
    const passed = outcomes.filter((o) => o.state === 'passed').length;
    expect(passed, 'checks that ran and passed').toBeGreaterThanOrEqual(upstream.minPassed ?? 10);
    for (const fragment of upstream.pinned ?? []) {
      const pinned = outcomes.filter((o) => o.title.includes(fragment) && o.knownBug !== undefined);
      expect(
        pinned.some((o) => o.state === 'failed'),
        `pinned deviation "${fragment}" still reproduces:\n${summarize(pinned)}`,
      ).toBe(true);
    }
  });
}
