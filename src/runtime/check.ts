/**
 * CHECK (R-CHK-*): only for lists >= 0.4.0, skipped when `disableCheck`; every plugin in list order gets the
 * cached ADD result as prevResult; stops at the first error. Spec mode refuses to CHECK an attachment that
 * has no cached result (R-CHK-1); libcni mode runs it without prevResult, as libcni does.
 */
import { compareVersions } from '../spec/versions.ts';
import { cachePathIssue, readCacheEntry } from './cache.ts';
import type { RuntimeContext } from './context.ts';
import type { Attachment } from './env.ts';
import { buildRuntimeError, type OperationRun, validateAttachment } from './operation.ts';
import { errorReason, type OperationOutcome } from './outcome.ts';
import { convertResultToVersion } from './result-version.ts';
import { runChainCall } from './run-plugin.ts';

type CachedResult = { ok: true; result: Record<string, unknown> | undefined } | { ok: false; reason: string };

async function readCheckPrevResult(
  context: RuntimeContext,
  run: OperationRun,
  attachment: Attachment,
): Promise<CachedResult> {
  const entry = await readCacheEntry(context.cacheDir, run.list.name, attachment, context.fileSystem);
  if (entry === undefined) return { ok: true, result: undefined };
  if (!entry.ok) return { ok: false, reason: entry.issues.map((issue) => issue.reason).join('; ') };
  if (entry.value.result === undefined) return { ok: true, result: undefined };
  const converted = await convertResultToVersion(entry.value.result, run.cniVersion);
  return converted.ok ? converted : { ok: false, reason: converted.reason };
}

/** CHECK of one attachment. */
export async function runCheck(
  context: RuntimeContext,
  run: OperationRun,
  attachment: Attachment,
): Promise<OperationOutcome> {
  if (compareVersions(run.cniVersion, '0.4.0') < 0) {
    const msg = `configuration version "${run.cniVersion}" does not support the CHECK command`;
    return run.fail([buildRuntimeError('CHECK', 'incompatible-version', { code: 1, msg })]);
  }
  if (run.list.disableCheck) return run.succeed(undefined, 'disableCheck');
  const invalid = context.libcniCompat ? undefined : validateAttachment(run.list, attachment, 'CHECK');
  if (invalid) return run.fail([invalid]);
  const pathIssue = cachePathIssue(run.list.name, attachment);
  const cached = pathIssue
    ? ({ ok: false, reason: pathIssue } as const)
    : await readCheckPrevResult(context, run, attachment);
  if (!cached.ok) {
    const msg = `failed to get network "${run.list.name}" cached result`;
    return run.fail([
      buildRuntimeError('CHECK', 'cache-failed', { code: 0, msg: `${msg}: ${cached.reason}` }),
    ]);
  }
  if (cached.result === undefined && context.checkRequiresCache) {
    const msg = `no cached ADD result for container "${attachment.containerId}" ifname "${attachment.ifname}"`;
    return run.fail([buildRuntimeError('CHECK', 'not-added', { code: 3, msg })]);
  }
  const prevResult = cached.result;
  for (const [index, plugin] of run.list.plugins.entries()) {
    const step = await runChainCall(context, run, { verb: 'CHECK', plugin, index, attachment, prevResult });
    // libcni returns a CHECK failure as the plugin's own error, without naming the plugin.
    if (!step.ok)
      return run.fail([
        context.libcniCompat ? { ...step.error, message: errorReason(step.error) } : step.error,
      ]);
  }
  return run.succeed();
}
