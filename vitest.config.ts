import { defineConfig } from 'vitest/config';

// The project's own tests. The conformance suites under suites/ are run by the CLI
// through vitest's Node API with vitest.suites.config.ts, never by this config.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Tests create network namespaces and spawn many processes; two cores.
    maxWorkers: 2,
    // The JSON report feeds .ci/run's list of the slowest test files.
    reporters: ['default', ['json', { outputFile: '.tmp/vitest-results.json' }]],
  },
});
