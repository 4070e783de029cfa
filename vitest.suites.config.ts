import { defineConfig } from 'vitest/config';
import { buildTagDefinitions } from './suites/support/tags.ts';

// The conformance suites, run by the CLI (src/cli/engine.ts) through vitest's Node API. The CLI provides the
// target (`cniTarget`), reporters, tag filters and worker count; this file holds what never changes per run.
export default defineConfig({
  test: {
    include: ['suites/**/*.check.ts'],
    tags: buildTagDefinitions(),
    strictTags: true,
    // Each check makes its own sandbox; files run in parallel workers (--parallel sets maxWorkers).
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // Checks never share state across files; isolation costs startup time for nothing.
    isolate: false,
    watch: false,
  },
});
