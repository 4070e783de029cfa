/**
 * What every runtime operation returns: data, never an exception for anything a plugin does. An outcome
 * carries every plugin call made (the transcript suites and reports need) and, on failure, typed chain errors
 * naming the plugin of the chain that failed (libcni's `plugin type="x" name="y" failed (add): …`).
 */
import type { Verb } from '../spec/versions.ts';
import type { Invocation } from './invoke.ts';

/** Which plugin of the list a call or an error belongs to. */
export interface PluginRef {
  /** Position in the list (aggregated plugins follow the inlined ones). */
  readonly index: number;
  readonly type: string;
  /** The plugin object's own `name`, when it has one. */
  readonly name: string | undefined;
}

/** One plugin call made during an operation. */
export interface ChainInvocation {
  readonly plugin: PluginRef;
  readonly invocation: Invocation;
  /** How many execs it took (more than 1 after "text file busy" retries). */
  readonly attempts: number;
}

/** Why an operation failed. */
export type ChainErrorKind =
  /** The plugin ran and reported an error (or crashed, timed out, printed garbage). */
  | 'plugin-failed'
  /** `type` not found on CNI_PATH, or not a valid plugin name. */
  | 'plugin-not-found'
  /** Container ID, network name or ifname rejected before any exec. */
  | 'invalid-identifier'
  /** The verb does not exist at the list's version (CHECK < 0.4.0), or VERSION probing found no common one. */
  | 'incompatible-version'
  /** CHECK asked for an attachment that has no cached ADD result (R-CHK-1). */
  | 'not-added'
  /** ADD succeeded but its output is not a result object. */
  | 'invalid-result'
  /** A cached result could not be read, converted or written. */
  | 'cache-failed';

/** A failure as data: the wire-error triple plus where in the chain it happened. */
export interface ChainError {
  readonly kind: ChainErrorKind;
  readonly verb: Verb;
  /** The plugin's error code; runtime-side failures use the spec code that fits, or 0. */
  readonly code: number;
  readonly msg: string;
  readonly details: string | undefined;
  /** The failing plugin; undefined for failures before any plugin was chosen. */
  readonly plugin: PluginRef | undefined;
  /** The failing call, when there was one. */
  readonly invocation: Invocation | undefined;
  /** One line, libcni style. */
  readonly message: string;
}

interface OperationBase {
  readonly verb: Verb;
  readonly network: string;
  /** The version every plugin was sent. */
  readonly cniVersion: string;
  /** Every plugin call, in order (including VERSION probes and DELs synthesised by GC or ADD cleanup). */
  readonly invocations: readonly ChainInvocation[];
  /** Set when the operation did nothing on purpose: "disableCheck", "disableGC", "version". */
  readonly skipped: string | undefined;
  readonly durationMs: number;
}

/** The operation succeeded. `result` is the final ADD result (undefined for other verbs). */
export interface OperationSucceeded extends OperationBase {
  readonly ok: true;
  readonly result: unknown;
}

/** The operation failed; `error` is the first error, `errors` all of them (GC collects). */
export interface OperationFailed extends OperationBase {
  readonly ok: false;
  readonly error: ChainError;
  readonly errors: readonly ChainError[];
}

/** The outcome of one runtime operation. */
export type OperationOutcome = OperationSucceeded | OperationFailed;

function describePlugin(plugin: PluginRef): string {
  return plugin.name === undefined
    ? `type=${JSON.stringify(plugin.type)}`
    : `type=${JSON.stringify(plugin.type)} name=${JSON.stringify(plugin.name)}`;
}

const VERB_WORD: Readonly<Record<Verb, string>> = {
  ADD: 'add',
  DEL: 'delete',
  CHECK: 'check',
  GC: 'gc',
  STATUS: 'status',
  VERSION: 'version',
};

/** The error as Go's types.Error prints it: msg, then "; details" when there are details. */
export function errorReason(fields: { readonly msg: string; readonly details: string | undefined }): string {
  return fields.details ? `${fields.msg}; ${fields.details}` : fields.msg;
}

/** Builds a chain error, deriving its one-line message from the fields. */
export function buildChainError(fields: Omit<ChainError, 'message'>): ChainError {
  const reason = errorReason(fields);
  const message = fields.plugin
    ? `plugin ${describePlugin(fields.plugin)} failed (${VERB_WORD[fields.verb]}): ${reason}`
    : reason;
  return { ...fields, message };
}
