import type { RuntimeTarget } from '../../../src/runtime-conformance/runtime-target.ts';

declare module 'vitest' {
  interface ProvidedContext {
    cniRuntime: RuntimeTarget;
  }
}
/** The provided target, or the environment fallback. */
export declare function getRuntimeTarget(): RuntimeTarget;
