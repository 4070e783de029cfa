/**
 * Every plugin-suite check can fail: shard 1 of 3 of the faulty fixtures (fixtures/faulty-plugins/manifest.ts)
 * whose requirement a plugin-suite check cites; each breaks one requirement and the suites must catch it. Runs
 * real plugins in real namespaces (root).
 */
import { describe } from 'vitest';
import { pluginSuiteShard, testFixturesAreCaught } from './faulty-fixtures.ts';

describe('plugin suites catch their faulty fixtures (shard 1/3)', { timeout: 120_000 }, () => {
  testFixturesAreCaught(pluginSuiteShard(0, 3));
});
