/**
 * STATUS (R-STAT-*), as libcni's GetStatusNetworkList: nothing below 1.1.0; otherwise every plugin in list
 * order with only name and cniVersion injected, stopping at (and returning unchanged) the first error.
 */
import { compareVersions } from '../spec/versions.ts';
import type { RuntimeContext } from './context.ts';
import type { OperationRun } from './operation.ts';
import type { OperationOutcome } from './outcome.ts';
import { runChainCall } from './run-plugin.ts';

/** STATUS of one network. */
export async function runStatus(context: RuntimeContext, run: OperationRun): Promise<OperationOutcome> {
  if (compareVersions(run.cniVersion, '1.1.0') < 0) return run.succeed(undefined, 'version');
  for (const [index, plugin] of run.list.plugins.entries()) {
    const step = await runChainCall(context, run, { verb: 'STATUS', plugin, index });
    if (!step.ok) return run.fail([step.error]);
  }
  return run.succeed();
}
