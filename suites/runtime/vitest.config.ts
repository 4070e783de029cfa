import { defineConfig } from 'vitest/config';
import { buildTagDefinitions } from '../../src/cli/tags.ts';

// The runtime conformance suites, run by `cni-conformance runtime run … --junit/--json/--html/--report-dir` through
// vitest's Node API. Each file runs one scenario against the runtime provided as `cniRuntime`.
export default defineConfig({
  test: {
    include: ['suites/runtime/**/*.runtime.ts'],
    tags: buildTagDefinitions(),
    strictTags: true,
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 300_000,
    watch: false,
  },
});
