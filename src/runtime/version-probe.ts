/**
 * Optional VERSION probing (R-CFG-1: a runtime MAY restrict the list's candidate versions to those every
 * plugin reports). Replies are read with libcni's legacy rules (P-VCMD-4): a 0.2.0 reply without a list means
 * [0.1.0, 0.2.0]; a plugin failing with "unknown CNI_COMMAND: VERSION" supports 0.1.0 only.
 */
import type { RuntimeContext } from './context.ts';
import { findPlugin } from './find-plugin.ts';
import { type Invocation, invokePlugin } from './invoke.ts';
import type { OperationRun } from './operation.ts';
import { buildRuntimeError } from './operation.ts';
import { buildChainError, type ChainError } from './outcome.ts';
import { buildInvocationError, pluginRef } from './run-plugin.ts';

/** Supported versions from a VERSION call, or undefined when the reply is unusable. */
export function readSupportedVersions(invocation: Invocation): string[] | undefined {
  if (invocation.kind === 'plugin-error' && invocation.error.msg.includes('unknown CNI_COMMAND: VERSION')) {
    return ['0.1.0'];
  }
  if (invocation.kind !== 'ok' || typeof invocation.output !== 'object' || invocation.output === null) {
    return undefined;
  }
  const reply = invocation.output as Record<string, unknown>;
  if (Array.isArray(reply.supportedVersions)) {
    return reply.supportedVersions.filter((entry): entry is string => typeof entry === 'string');
  }
  return reply.cniVersion === '0.2.0' ? ['0.1.0', '0.2.0'] : undefined;
}

/** The VERSION env: only CNI_COMMAND (spec), or libcni's "dummy" placeholders for old skel versions. */
function versionEnv(context: RuntimeContext): Record<string, string> {
  const dummies: Record<string, string> = context.libcniCompat
    ? { CNI_NETNS: 'dummy', CNI_IFNAME: 'dummy', CNI_PATH: 'dummy' }
    : {};
  return { ...context.baseEnv, ...dummies, CNI_COMMAND: 'VERSION' };
}

async function probePlugin(
  context: RuntimeContext,
  run: OperationRun,
  index: number,
): Promise<readonly string[] | ChainError> {
  const plugin = run.list.plugins[index];
  if (!plugin)
    return buildRuntimeError('VERSION', 'plugin-not-found', { code: 0, msg: `no plugin ${index}` });
  const ref = pluginRef(plugin, index);
  const lookup = await findPlugin(plugin.type, context.cniPath, context.fileSystem);
  if (!lookup.ok) {
    const fields = { verb: 'VERSION' as const, plugin: ref, invocation: undefined, details: undefined };
    return buildChainError({ ...fields, kind: 'plugin-not-found', code: 0, msg: lookup.reason });
  }
  const cached = context.versionCache.get(lookup.path);
  if (cached) return cached;
  const invocation = await invokePlugin({
    executor: context.executor,
    pluginPath: lookup.path,
    verb: 'VERSION',
    env: versionEnv(context),
    stdin: JSON.stringify({ cniVersion: run.list.candidateVersions[0] ?? run.list.cniVersion }),
    ...(context.timeoutMs === undefined ? {} : { timeoutMs: context.timeoutMs }),
  });
  run.transcript.record({ plugin: ref, invocation, attempts: 1 });
  const versions = readSupportedVersions(invocation);
  if (versions) {
    context.versionCache.set(lookup.path, versions);
    return versions;
  }
  return (
    buildInvocationError(invocation, ref) ??
    buildRuntimeError('VERSION', 'plugin-failed', { code: 0, msg: 'VERSION reply has no supportedVersions' })
  );
}

/** Picks the highest candidate every plugin supports; sets it on the run. Without probing keeps the default. */
export async function resolveVersion(
  context: RuntimeContext,
  run: OperationRun,
): Promise<ChainError | undefined> {
  if (!context.probeVersions) return undefined;
  let common = [...run.list.candidateVersions];
  for (const index of run.list.plugins.keys()) {
    const supported = await probePlugin(context, run, index);
    if ('kind' in supported) return supported;
    common = common.filter((version) => supported.includes(version));
  }
  const [highest] = common;
  if (highest === undefined) {
    return buildRuntimeError('VERSION', 'incompatible-version', {
      code: 1,
      msg: 'no configured version is supported by every plugin',
      details: `configured [${run.list.candidateVersions.join(', ')}]`,
    });
  }
  run.cniVersion = highest;
  return undefined;
}
