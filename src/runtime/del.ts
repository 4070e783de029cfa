/**
 * DEL (R-DEL-*): plugins in reverse order, each given the cached final ADD result as prevResult (lists
 * >= 0.4.0), stopping at the first error; the cache entry is removed after success.
 */
import { compareVersions } from '../spec/versions.ts';
import { cachePathIssue, deleteCacheEntry, readCacheEntry } from './cache.ts';
import type { RuntimeContext } from './context.ts';
import type { Attachment } from './env.ts';
import { buildRuntimeError, type OperationRun, validateAttachment } from './operation.ts';
import type { ChainError, OperationOutcome } from './outcome.ts';
import { convertResultToVersion } from './result-version.ts';
import { runChainCall } from './run-plugin.ts';

/**
 * The cached result in the list's version, or undefined. An unreadable or unconvertible entry is deleted and
 * DEL goes on without prevResult (libcni, R-DEL-5).
 */
export async function readCachedPrevResult(
  context: RuntimeContext,
  run: OperationRun,
  attachment: Attachment,
): Promise<Record<string, unknown> | undefined> {
  const entry = await readCacheEntry(context.cacheDir, run.list.name, attachment, context.fileSystem);
  if (entry === undefined) return undefined;
  const converted =
    entry.ok && entry.value.result
      ? await convertResultToVersion(entry.value.result, run.cniVersion)
      : undefined;
  if (converted?.ok) return converted.result;
  await deleteCacheEntry(context.cacheDir, run.list.name, attachment, context.fileSystem);
  return undefined;
}

/** Runs the DEL chain in reverse; returns the first error, if any. */
export async function runDelChain(
  context: RuntimeContext,
  run: OperationRun,
  attachment: Attachment,
  prevResult: unknown,
): Promise<ChainError | undefined> {
  const plugins = run.list.plugins;
  for (let index = plugins.length - 1; index >= 0; index -= 1) {
    const plugin = plugins[index];
    if (!plugin) continue;
    const step = await runChainCall(context, run, { verb: 'DEL', plugin, index, attachment, prevResult });
    if (!step.ok) return step.error;
  }
  return undefined;
}

/**
 * The DEL chain with the cache around it: prevResult read from the cache (lists >= 0.4.0), then the cache
 * entry removed after success. Returns the chain's error, if any (the entry then stays). GC's stale
 * attachments get exactly this DEL too.
 */
export async function runDelWithCache(
  context: RuntimeContext,
  run: OperationRun,
  attachment: Attachment,
): Promise<ChainError | undefined> {
  const usesCache = compareVersions(run.cniVersion, '0.4.0') >= 0;
  const pathIssue = usesCache ? cachePathIssue(run.list.name, attachment) : undefined;
  if (pathIssue) {
    const msg = `failed to get network "${run.list.name}" cached result`;
    return buildRuntimeError('DEL', 'cache-failed', { code: 0, msg: `${msg}: ${pathIssue}` });
  }
  const prevResult = usesCache ? await readCachedPrevResult(context, run, attachment) : undefined;
  const error = await runDelChain(context, run, attachment, prevResult);
  if (error) return error;
  // R-DEL-4, and libcni too: the entry goes after every successful DEL, whatever the list's version.
  await deleteCacheEntry(context.cacheDir, run.list.name, attachment, context.fileSystem);
  return undefined;
}

/** DEL of one attachment, cache handling included. */
export async function runDel(
  context: RuntimeContext,
  run: OperationRun,
  attachment: Attachment,
): Promise<OperationOutcome> {
  // libcni validates identifiers on ADD only: a DEL with a bad ifname reaches the plugins, which refuse it.
  const invalid = context.libcniCompat ? undefined : validateAttachment(run.list, attachment, 'DEL');
  if (invalid) return run.fail([invalid]);
  const error = await runDelWithCache(context, run, attachment);
  return error ? run.fail([error]) : run.succeed();
}
