/** How checks read the target the CLI provides through vitest `provide` (the contract itself: src/target.ts). */
import { inject } from 'vitest';
import type { ConformanceTarget } from '../../src/target.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Set by the CLI (src/cli/engine.ts) before the run. */
    cniTarget: ConformanceTarget;
  }
}

/** The target of this run; throws a plain Error when the suites are run without the CLI. */
export function getTarget(): ConformanceTarget {
  const target = inject('cniTarget');
  if (!target) {
    throw new Error(
      'no conformance target: run the suites through `cni-conformance <plugin>`, not plain vitest',
    );
  }
  return target;
}
