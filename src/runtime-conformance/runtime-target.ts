/**
 * Which runtime the runtime suites judge: the contract between the CLI (`cni-conformance runtime run`) and the
 * runtime suites, which read it with `getRuntimeTarget()` (suites/runtime/support/runtime-target.ts).
 */
import { HarnessError } from '../errors.ts';
import type { AdapterFactory } from './adapter.ts';
import { createCommandAdapter, loadRuntimeConfig } from './adapters/command.ts';
import { RUNTIME_ADAPTERS } from './adapters/registry.ts';
import type { RuntimeProfile } from './finding.ts';

/** The runtime under test. */
export interface RuntimeTarget {
  /** A registered adapter name (`simulated`, `libcni`, …), when no runtime config file is given. */
  readonly runtime?: string;
  /** A `--runtime-config` file of command templates. */
  readonly runtimeConfig?: string;
  readonly profile: RuntimeProfile;
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
