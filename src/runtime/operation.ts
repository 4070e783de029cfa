/**
 * Shared pieces of every operation: identifier checks before any exec, and building the outcome.
 */
import { validateContainerId, validateInterfaceName, validateNetworkName } from '../spec/identifiers.ts';
import type { Verb } from '../spec/versions.ts';
import type { RuntimeContext } from './context.ts';
import { Transcript } from './context.ts';
import type { Attachment } from './env.ts';
import type { NetworkConfigList } from './network-config.ts';
import { buildChainError, type ChainError, type OperationOutcome } from './outcome.ts';

/** One running operation: its transcript, clock and version. */
export class OperationRun {
  readonly transcript: Transcript;
  private readonly started = performance.now();
  cniVersion: string;

  constructor(
    context: RuntimeContext,
    readonly list: NetworkConfigList,
    readonly verb: Verb,
  ) {
    this.transcript = new Transcript(context, list.name, verb);
    this.cniVersion = list.cniVersion;
  }

  private base(skipped: string | undefined) {
    return {
      verb: this.verb,
      network: this.list.name,
      cniVersion: this.cniVersion,
      invocations: this.transcript.invocations,
      skipped,
      durationMs: performance.now() - this.started,
    };
  }

  /** The success outcome. */
  succeed(result?: unknown, skipped?: string): OperationOutcome {
    return { ...this.base(skipped), ok: true, result };
  }

  /** The failure outcome; the first error is `error`. */
  fail(errors: readonly [ChainError, ...ChainError[]]): OperationOutcome {
    return { ...this.base(undefined), ok: false, error: errors[0], errors };
  }
}

/** Validates the network name, container ID and ifname as libcni does before an exec (R-ADD-5). */
export function validateAttachment(
  list: NetworkConfigList,
  attachment: Attachment,
  verb: Verb,
): ChainError | undefined {
  const issue =
    validateContainerId(attachment.containerId) ??
    validateNetworkName(list.name) ??
    validateInterfaceName(attachment.ifname);
  if (!issue) return undefined;
  // As libcni's validators: a stable msg, the offending value in details.
  return buildChainError({
    kind: 'invalid-identifier',
    verb,
    code: issue.code,
    msg: issue.reason,
    details: issue.value === '' ? undefined : issue.value,
    plugin: undefined,
    invocation: undefined,
  });
}

/** A runtime-side error that belongs to no plugin. */
export function buildRuntimeError(
  verb: Verb,
  kind: ChainError['kind'],
  fields: { code: number; msg: string; details?: string },
): ChainError {
  return buildChainError({
    kind,
    verb,
    code: fields.code,
    msg: fields.msg,
    details: fields.details,
    plugin: undefined,
    invocation: undefined,
  });
}
