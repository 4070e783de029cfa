/**
 * One plugin exec, classified. Outcomes are data, not exceptions: every variant keeps the request
 * (env + stdin) and the raw outcome (stdout, stderr, exit code, duration) for reports and repro scripts.
 * Parsing follows libcni's invoke (R-ERR-*): error JSON on stdout; stderr text only when stdout is empty.
 */
import type { Executor, ProcessOutcome, ProcessRequest } from '../sandbox/process.ts';
import type { WireError } from '../spec/error.ts';
import { checkWireError } from '../spec/fast-parse.ts';
import type { Verb } from '../spec/versions.ts';

interface InvocationBase {
  readonly verb: Verb;
  readonly request: ProcessRequest;
  readonly outcome: ProcessOutcome;
}

/** Exit 0. `output` is the parsed stdout JSON, or undefined when stdout was empty. */
export interface InvocationOk extends InvocationBase {
  readonly kind: 'ok';
  readonly output: unknown;
}

/** Non-zero exit with a usable error: JSON on stdout, or (libcni fallback) stderr text. */
export interface InvocationPluginError extends InvocationBase {
  readonly kind: 'plugin-error';
  readonly error: WireError;
  /** Where the error came from: the spec's stdout JSON, or libcni's stderr fallback. */
  readonly errorSource: 'stdout-json' | 'stderr-text' | 'none';
}

/** Killed by a signal it did not get from our timeout. */
export interface InvocationCrashed extends InvocationBase {
  readonly kind: 'crashed';
  readonly signal: string;
}

/** Stdout that is not the JSON the verb requires (exit 0 with garbage, or exit ≠ 0 with non-error JSON). */
export interface InvocationUnparseable extends InvocationBase {
  readonly kind: 'unparseable-output';
  readonly reason: string;
}

export interface InvocationTimedOut extends InvocationBase {
  readonly kind: 'timed-out';
}

export interface InvocationSpawnFailed extends InvocationBase {
  readonly kind: 'spawn-failed';
  readonly reason: string;
}

export type Invocation =
  | InvocationOk
  | InvocationPluginError
  | InvocationCrashed
  | InvocationUnparseable
  | InvocationTimedOut
  | InvocationSpawnFailed;

export type InvocationKind = Invocation['kind'];

type JsonParse = { ok: true; value: unknown } | { ok: false; reason: string };

function parseJson(text: string): JsonParse {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

function classifyFailure(base: InvocationBase): Invocation {
  const { stdout, stderr, exitCode } = base.outcome;
  if (stdout.trim() === '') {
    const msg = stderr.trim();
    const error: WireError = {
      code: 0,
      msg: msg || `plugin exited with code ${exitCode} and printed nothing`,
    };
    return { ...base, kind: 'plugin-error', error, errorSource: msg ? 'stderr-text' : 'none' };
  }
  const parsed = parseJson(stdout);
  if (!parsed.ok)
    return { ...base, kind: 'unparseable-output', reason: `stdout is not JSON: ${parsed.reason}` };
  // WireErrorSchema's exact verdict and value without loading zod (a failing plugin under `exec`).
  const error = checkWireError(parsed.value);
  if (!error) {
    return { ...base, kind: 'unparseable-output', reason: 'stdout JSON is not an error object {code, msg}' };
  }
  return { ...base, kind: 'plugin-error', error, errorSource: 'stdout-json' };
}

/** Turns a raw outcome into an Invocation. */
export function classifyOutcome(verb: Verb, request: ProcessRequest, outcome: ProcessOutcome): Invocation {
  const base: InvocationBase = { verb, request, outcome };
  if (outcome.spawnError !== null) return { ...base, kind: 'spawn-failed', reason: outcome.spawnError };
  if (outcome.timedOut) return { ...base, kind: 'timed-out' };
  if (outcome.signal !== null) return { ...base, kind: 'crashed', signal: outcome.signal };
  if (outcome.truncated?.includes('stdout')) {
    const kept = outcome.stdout.length;
    return {
      ...base,
      kind: 'unparseable-output',
      reason: `stdout flooded: kept the first ${kept} bytes, truncated the rest`,
    };
  }
  if (outcome.exitCode !== 0) return classifyFailure(base);
  if (outcome.stdout.trim() === '') return { ...base, kind: 'ok', output: undefined };
  const parsed = parseJson(outcome.stdout);
  if (!parsed.ok)
    return { ...base, kind: 'unparseable-output', reason: `stdout is not JSON: ${parsed.reason}` };
  return { ...base, kind: 'ok', output: parsed.value };
}

/** What a caller gives to invoke a plugin once. */
export interface InvokeOptions {
  readonly executor: Executor;
  readonly pluginPath: string;
  readonly verb: Verb;
  /** CNI_* variables (and anything else the check wants); CNI_COMMAND is set from `verb` unless present. */
  readonly env: Readonly<Record<string, string>>;
  /** Exact stdin bytes (for VERSION: `{"cniVersion": …}`). */
  readonly stdin: string;
  readonly timeoutMs?: number;
}

/** Execs a plugin once and classifies the outcome. */
export async function invokePlugin(options: InvokeOptions): Promise<Invocation> {
  const request: ProcessRequest = {
    file: options.pluginPath,
    env: { CNI_COMMAND: options.verb, ...options.env },
    stdin: options.stdin,
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  };
  const outcome = await options.executor.run(request);
  return classifyOutcome(options.verb, request, outcome);
}
