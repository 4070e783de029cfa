/**
 * ADD (R-ADD-*): plugins in list order, each plugin's result the next one's prevResult (in the list's
 * version), stopping at the first error; the final result is cached (R-ADD-2). In spec mode a failed ADD is
 * followed by the DEL chain (R-ADD-3), except after error code 3 ("nothing to clean up").
 */
import { buildCacheEntry, deleteCacheEntry, writeCacheEntry } from './cache.ts';
import type { RuntimeContext } from './context.ts';
import { runDelChain } from './del.ts';
import type { Attachment } from './env.ts';
import { buildRuntimeError, type OperationRun, validateAttachment } from './operation.ts';
import { buildChainError, type ChainError, type OperationOutcome } from './outcome.ts';
import { convertResultToVersion } from './result-version.ts';
import { pluginRef, runChainCall } from './run-plugin.ts';

type ChainResult =
  | { ok: true; result: Record<string, unknown> | undefined }
  | { ok: false; error: ChainError };

async function runAddChain(
  context: RuntimeContext,
  run: OperationRun,
  attachment: Attachment,
): Promise<ChainResult> {
  let prevResult: Record<string, unknown> | undefined;
  for (const [index, plugin] of run.list.plugins.entries()) {
    const step = await runChainCall(context, run, { verb: 'ADD', plugin, index, attachment, prevResult });
    if (!step.ok) return step;
    const output = step.invocation.kind === 'ok' ? step.invocation.output : undefined;
    const converted = await convertResultToVersion(output, run.cniVersion);
    if (!converted.ok) {
      const msg = output === undefined ? 'plugin printed no result' : 'plugin result is unusable';
      const fields = { verb: 'ADD' as const, plugin: pluginRef(plugin, index), invocation: step.invocation };
      return {
        ok: false,
        error: buildChainError({
          ...fields,
          kind: 'invalid-result',
          code: 0,
          msg,
          details: converted.reason,
        }),
      };
    }
    prevResult = converted.result;
  }
  return { ok: true, result: prevResult };
}

/** ADD of one attachment. */
export async function runAdd(
  context: RuntimeContext,
  run: OperationRun,
  attachment: Attachment,
): Promise<OperationOutcome> {
  const invalid = validateAttachment(run.list, attachment, 'ADD');
  if (invalid) {
    // libcni checks identifiers inside the first plugin's ADD, so its error names that plugin.
    const first = run.list.plugins[0];
    if (!context.libcniCompat || !first) return run.fail([invalid]);
    return run.fail([buildChainError({ ...invalid, plugin: pluginRef(first, 0) })]);
  }
  const chain = await runAddChain(context, run, attachment);
  if (!chain.ok) {
    if (context.delOnAddFailure && chain.error.code !== 3) {
      const cleanup = await runDelChain(context, run, attachment, undefined);
      if (cleanup) return run.fail([chain.error, cleanup]);
      // The DEL tore down whatever the attachment had, an earlier successful ADD included: its cached result
      // must go too, or a later CHECK/DEL would act on an attachment that no longer exists.
      await deleteCacheEntry(context.cacheDir, run.list.name, attachment, context.fileSystem);
      return run.fail([chain.error]);
    }
    return run.fail([chain.error]);
  }
  const entry = buildCacheEntry({
    network: run.list.name,
    configBytes: run.list.bytes,
    attachment,
    result: chain.result,
    withNetns: !context.libcniCompat,
  });
  try {
    await writeCacheEntry(context.cacheDir, entry, context.fileSystem);
  } catch (error) {
    const msg = `failed to set network "${run.list.name}" cached result`;
    return run.fail([buildRuntimeError('ADD', 'cache-failed', { code: 0, msg, details: String(error) })]);
  }
  return run.succeed(chain.result);
}
