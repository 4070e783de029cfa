/**
 * Which runtime the runtime suites judge. The CLI (`cni-conformance runtime run … --junit/--html/--report-dir`)
 * provides it as `cniRuntime`; a plain `vitest --config suites/runtime/vitest.config.ts` run falls back to the
 * CNI_CONFORMANCE_RUNTIME environment variable, then to `simulated`.
 */
import { inject } from 'vitest';
import { HarnessError } from '../../../src/errors.ts';
import type { AdapterFactory } from '../../../src/runtime-conformance/adapter.ts';
import {
  createCommandAdapter,
  loadRuntimeConfig,
} from '../../../src/runtime-conformance/adapters/command.ts';
import { RUNTIME_ADAPTERS } from '../../../src/runtime-conformance/adapters/registry.ts';
import type { RuntimeProfile } from '../../../src/runtime-conformance/finding.ts';

/** The runtime under test. */
export interface RuntimeTarget {
  /** A registered adapter name (`simulated`, `libcni`, …), when no runtime config file is given. */
  readonly runtime?: string;
  /** A `--runtime-config` file of command templates. */
  readonly runtimeConfig?: string;
  readonly profile: RuntimeProfile;
}

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

/** The adapter factory of a target; throws a HarnessError for an unknown name. */
export async function resolveRuntimeAdapter(target: RuntimeTarget): Promise<AdapterFactory> {
  if (target.runtimeConfig) {
    const config = await loadRuntimeConfig(target.runtimeConfig);
    return (workspace) => createCommandAdapter(workspace, config);
  }
  const name = target.runtime ?? 'simulated';
  const factory = RUNTIME_ADAPTERS[name];
  if (!factory)
    throw new HarnessError('CNI_CONFORMANCE_USAGE', `unknown runtime ${name}`, {
      fix: `use one of ${Object.keys(RUNTIME_ADAPTERS).join(', ')}`,
    });
  return factory;
}
