import { defineConfig } from 'vitest/config';
import { suiteTestOptions } from './src/cli/suite-config.ts';

// The conformance suites, run by the CLI (src/cli/engine.ts) through vitest's Node API with these same options
// inline. The CLI provides the target (`cniTarget`), reporters, tag filters and worker count.
export default defineConfig({ test: suiteTestOptions() });
