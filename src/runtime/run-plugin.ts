/**
 * One step of a chain: derive the plugin's request from the running operation, find the plugin, derive its
 * env, exec it (retrying "text file busy" as libcni does, R-ENV-7) and turn a failure into a ChainError that
 * names the plugin.
 */
import type { Verb } from '../spec/versions.ts';
import type { RuntimeContext, Transcript } from './context.ts';
import { type Attachment, buildPluginEnv } from './env.ts';
import { findPlugin } from './find-plugin.ts';
import { type Invocation, invokePlugin } from './invoke.ts';
import type { NetworkPlugin } from './network-config.ts';
import type { OperationRun } from './operation.ts';
import { buildChainError, type ChainError, type PluginRef } from './outcome.ts';
import { buildRequestConfig, type GcAttachment } from './request.ts';

/** A finished step: the call, or the error that stops (or, for GC, is collected by) the chain. */
export type StepOutcome = { ok: true; invocation: Invocation } | { ok: false; error: ChainError };

/** What one step needs. */
export interface PluginStep {
  readonly verb: Verb;
  readonly plugin: NetworkPlugin;
  readonly index: number;
  readonly attachment: Attachment | undefined;
  /** The request object, serialised as compact JSON (as Go's json.Marshal). */
  readonly request: Record<string, unknown>;
}

/** A plugin reference for errors and transcripts. */
export function pluginRef(plugin: NetworkPlugin, index: number): PluginRef {
  return { index, type: plugin.type, name: plugin.name };
}

function isTextFileBusy(invocation: Invocation): boolean {
  if (invocation.kind === 'spawn-failed') return /ETXTBSY|text file busy/i.test(invocation.reason);
  return invocation.kind === 'plugin-error' && /text file busy/i.test(invocation.outcome.stderr);
}

/** Execs with retries while the binary is still being written ("text file busy"). */
async function invokeWithRetries(
  context: RuntimeContext,
  options: Parameters<typeof invokePlugin>[0],
): Promise<{ invocation: Invocation; attempts: number }> {
  let attempts = 1;
  let invocation = await invokePlugin(options);
  while (isTextFileBusy(invocation) && attempts <= context.busyRetries) {
    await new Promise((resolve) => setTimeout(resolve, context.busyRetryDelayMs));
    attempts += 1;
    invocation = await invokePlugin(options);
  }
  return { invocation, attempts };
}

/** Turns a failed call into a chain error. */
export function buildInvocationError(invocation: Invocation, plugin: PluginRef): ChainError | undefined {
  const base = { kind: 'plugin-failed' as const, verb: invocation.verb, plugin, invocation };
  switch (invocation.kind) {
    case 'ok':
      return undefined;
    case 'plugin-error':
      return buildChainError({
        ...base,
        code: invocation.error.code,
        msg: invocation.error.msg,
        details: invocation.error.details,
      });
    case 'unparseable-output':
      return buildChainError({
        ...base,
        code: 0,
        msg: 'netplugin failed but error parsing its diagnostic message',
        details: invocation.reason,
      });
    case 'timed-out':
      return buildChainError({
        ...base,
        code: 0,
        msg: 'plugin timed out and was killed',
        details: undefined,
      });
    case 'crashed':
      return buildChainError({
        ...base,
        code: 0,
        msg: `plugin killed by ${invocation.signal}`,
        details: undefined,
      });
    case 'spawn-failed':
      return buildChainError({
        ...base,
        code: 0,
        msg: 'plugin could not be started',
        details: invocation.reason,
      });
  }
}

/** Runs one plugin of a chain and records the call. */
export async function runPluginStep(
  context: RuntimeContext,
  transcript: Transcript,
  step: PluginStep,
): Promise<StepOutcome> {
  const ref = pluginRef(step.plugin, step.index);
  const lookup = await findPlugin(step.plugin.type, context.cniPath, context.fileSystem);
  if (!lookup.ok) {
    const fields = { verb: step.verb, plugin: ref, invocation: undefined, details: undefined };
    return {
      ok: false,
      error: buildChainError({ ...fields, kind: 'plugin-not-found', code: 0, msg: lookup.reason }),
    };
  }
  const env = {
    ...context.baseEnv,
    ...buildPluginEnv({ ...step, cniPath: context.cniPath, libcniCompat: context.libcniCompat }),
  };
  const { invocation, attempts } = await invokeWithRetries(context, {
    executor: context.executor,
    pluginPath: lookup.path,
    verb: step.verb,
    env,
    stdin: JSON.stringify(step.request),
    ...(context.timeoutMs === undefined ? {} : { timeoutMs: context.timeoutMs }),
  });
  transcript.record({ plugin: ref, invocation, attempts });
  const error = buildInvocationError(invocation, ref);
  return error ? { ok: false, error } : { ok: true, invocation };
}

/** One plugin call of a running operation: what its request adds to the list's name and version. */
export interface ChainCall {
  readonly verb: Verb;
  readonly plugin: NetworkPlugin;
  readonly index: number;
  /** ADD, DEL and CHECK: the attachment (its capability args and `args` reach the request). */
  readonly attachment?: Attachment;
  /** ADD, DEL and CHECK: the previous (or cached) result. */
  readonly prevResult?: unknown;
  /** GC: the attachments to keep; undefined sends no key. */
  readonly validAttachments?: readonly GcAttachment[] | undefined;
}

/** Builds one plugin's request in the operation's network and version, then runs it (see runPluginStep). */
export async function runChainCall(
  context: RuntimeContext,
  run: OperationRun,
  call: ChainCall,
): Promise<StepOutcome> {
  const { verb, plugin, index, attachment } = call;
  const request = buildRequestConfig(plugin.config, {
    verb,
    name: run.list.name,
    cniVersion: run.cniVersion,
    prevResult: call.prevResult,
    capabilityArgs: attachment?.capabilityArgs,
    args: attachment?.args,
    validAttachments: call.validAttachments,
    libcniCompat: context.libcniCompat,
  });
  return runPluginStep(context, run.transcript, { verb, plugin, index, attachment, request });
}
