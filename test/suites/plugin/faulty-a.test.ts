/**
 * Every plugin-suite check can fail: each fixture of fixtures/faulty-plugins/plugin-suite-fixtures.ts (first
 * half) breaks one requirement and the CLI must catch it. Runs real plugins in real namespaces (root).
 */
import { describe } from 'vitest';
import { PLUGIN_SUITE_FIXTURES } from '../../../fixtures/faulty-plugins/plugin-suite-fixtures.ts';
import { testFixturesAreCaught } from './faulty-fixtures.ts';

describe('plugin suites catch their faulty fixtures (A–D)', { timeout: 120_000 }, () => {
  testFixturesAreCaught(PLUGIN_SUITE_FIXTURES.filter((f) => f.file < 'P-E'));
});
