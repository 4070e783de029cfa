/**
 * The strict profile reports the reference implementation's known deviation from the spec text: Go plugins'
 * error JSON has no cniVersion (notes §0.2) — a SHOULD failure with its requirement ID, a warning in compat.
 */
import { describe, expect, test } from 'vitest';
import { runSuiteFiles, summarize } from './run-suites.ts';
import { defaultConfig } from './upstream-plugins.ts';

describe('strict profile on upstream bridge', { timeout: 120_000 }, () => {
  test('P-ERR-1: error JSON without cniVersion is a SHOULD failure in strict and IMPL in compat', async () => {
    for (const [profile, level] of [
      ['strict', 'SHOULD'],
      ['compat', 'IMPL'],
    ] as const) {
      const outcomes = await runSuiteFiles(['suites/plugin/err/error-json.check.ts'], {
        plugin: '/usr/lib/cni/bridge',
        config: defaultConfig('bridge'),
        role: 'main',
        profile,
        testNamePattern: 'error JSON carries the request cniVersion',
      });
      const found = outcomes.filter((o) => o.ids.includes('P-ERR-1') && o.state === 'failed');
      expect(
        found.map((o) => o.level),
        `${profile}:\n${summarize(outcomes)}`,
      ).toEqual([level]);
    }
  });
});
