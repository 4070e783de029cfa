/**
 * GC (R-GC-*), as libcni's GCNetworkList: first a full DEL chain for every cached attachment of this network
 * that is not in the valid list (R-GC-5, also below 1.1.0), then GC to every plugin in list order for lists
 * >= 1.1.0, with the valid attachments under both keys. Errors are collected, never stop the loop (R-GC-1).
 * `disableGC` skips both parts (R-CFG-3).
 */
import { compareVersions } from '../spec/versions.ts';
import { attachmentFromCache, listCacheEntries } from './cache.ts';
import type { RuntimeContext } from './context.ts';
import { runDelWithCache } from './del.ts';
import type { OperationRun } from './operation.ts';
import { buildChainError, type ChainError, type OperationOutcome } from './outcome.ts';
import type { GcAttachment } from './request.ts';
import { runChainCall } from './run-plugin.ts';

function isValid(valid: readonly GcAttachment[] | undefined, containerId: string, ifname: string): boolean {
  return (valid ?? []).some((entry) => entry.containerID === containerId && entry.ifname === ifname);
}

async function deleteStaleAttachments(
  context: RuntimeContext,
  run: OperationRun,
  valid: readonly GcAttachment[] | undefined,
): Promise<ChainError[]> {
  const errors: ChainError[] = [];
  const entries = await listCacheEntries(context.cacheDir, context.fileSystem).catch(() => []);
  for (const entry of entries) {
    if (entry.networkName !== run.list.name || isValid(valid, entry.containerId, entry.ifName)) continue;
    const attachment = attachmentFromCache(entry);
    const error = await runDelWithCache(context, run, attachment);
    if (error) {
      const msg = `failed to delete stale attachment ${entry.containerId} ${entry.ifName}`;
      errors.push(buildChainError({ ...error, msg, details: error.message }));
    }
  }
  return errors;
}

async function gcPlugins(
  context: RuntimeContext,
  run: OperationRun,
  valid: readonly GcAttachment[] | undefined,
): Promise<ChainError[]> {
  const errors: ChainError[] = [];
  // Spec mode always names the valid attachments (P-GC-1); libcni sends no key when it was given none.
  const validAttachments = valid ?? (context.libcniCompat ? undefined : []);
  for (const [index, plugin] of run.list.plugins.entries()) {
    const step = await runChainCall(context, run, { verb: 'GC', plugin, index, validAttachments });
    if (!step.ok) errors.push(step.error);
  }
  return errors;
}

/** GC of one network. */
export async function runGc(
  context: RuntimeContext,
  run: OperationRun,
  valid: readonly GcAttachment[] | undefined,
): Promise<OperationOutcome> {
  if (run.list.disableGC) return run.succeed(undefined, 'disableGC');
  const errors = await deleteStaleAttachments(context, run, valid);
  const gcAllowed = compareVersions(run.cniVersion, '1.1.0') >= 0;
  if (gcAllowed) errors.push(...(await gcPlugins(context, run, valid)));
  const [first, ...rest] = errors;
  if (first) return run.fail([first, ...rest]);
  return run.succeed(undefined, gcAllowed ? undefined : 'version');
}
