/**
 * How the runtime suites read their target. The CLI (`cni-conformance runtime run … --junit/--html/--report-dir`)
 * provides it as `cniRuntime`; a plain `vitest --config suites/runtime/vitest.config.ts` run falls back to the
 * CNI_CONFORMANCE_RUNTIME environment variable, then to `simulated`.
 */
import { inject } from 'vitest';
import type { RuntimeTarget } from '../../../src/runtime-conformance/runtime-target.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    cniRuntime: RuntimeTarget;
  }
}

/** The provided target, or the environment fallback. */
export function getRuntimeTarget(): RuntimeTarget {
  const provided = inject('cniRuntime') as RuntimeTarget | undefined;
  if (provided) return provided;
  // compat by default, as on the plugin side.
  const profile = process.env.CNI_CONFORMANCE_PROFILE === 'strict' ? 'strict' : 'compat';
  return { runtime: process.env.CNI_CONFORMANCE_RUNTIME || 'simulated', profile };
}
