import type { ConformanceTarget } from '../../src/target.ts';

declare module 'vitest' {
  interface ProvidedContext {
    /** Set by the CLI (src/cli/engine.ts) before the run. */
    cniTarget: ConformanceTarget;
  }
}
/** The target of this run; throws a plain Error when the suites are run without the CLI. */
export declare function getTarget(): ConformanceTarget;
