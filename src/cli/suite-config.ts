/**
 * The vitest options of the conformance suites, in one place: the CLI passes them inline (no config file to load:
 * loading vitest.suites.config.ts through vite's module runner cost ~0.5 s of CPU per run), and
 * vitest.suites.config.ts uses the same object for anyone running the suites with vitest directly.
 */
import { buildTagDefinitions } from './tags.ts';

/** What never changes per run; the CLI adds the target (`provide`), reporters, tag filters and worker count. */
export function suiteTestOptions() {
  return {
    include: ['suites/**/*.check.ts'],
    tags: buildTagDefinitions(),
    strictTags: true,
    // Each check gets a fresh sandbox; files run in parallel workers (--parallel sets maxWorkers).
    pool: 'forks' as const,
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // Checks never share state across files; isolation costs startup time for nothing.
    isolate: false,
    watch: false,
  };
}
