/**
 * Assertions shared by the plugin checks. Each throws an Error whose message says what was expected, what the
 * plugin did (exit status, error code and msg) and why it matters, so a failed check reads on its own.
 */
import type { Invocation } from '../../../src/runtime/invoke.ts';
import { describe } from './attach.ts';

/** Fails unless the plugin exited 0. Returns the parsed stdout (undefined when empty). */
export function expectSuccess(invocation: Invocation, what: string): unknown {
  if (invocation.kind === 'ok') return invocation.output;
  const stderr = invocation.outcome.stderr.trim();
  throw new Error(
    `${what}: expected exit 0, got ${describe(invocation)}${stderr ? ` (stderr: ${stderr.slice(0, 400)})` : ''}`,
  );
}

/** Fails unless the plugin reported a failure: a non-zero exit, not a crash, hang or spawn failure. */
export function expectFailure(invocation: Invocation, what: string): void {
  if (invocation.kind === 'plugin-error' || invocation.kind === 'unparseable-output') {
    if (invocation.outcome.exitCode !== 0 && invocation.outcome.exitCode !== null) return;
  }
  if (invocation.kind === 'ok')
    throw new Error(`${what}: expected a failure (exit ≠ 0), but the plugin exited 0`);
  throw new Error(`${what}: expected a clean failure (exit ≠ 0), got ${describe(invocation)}`);
}

/** Fails unless the plugin failed with error JSON on stdout carrying `code`. */
export function expectErrorCode(invocation: Invocation, code: number, what: string): void {
  expectFailure(invocation, what);
  if (invocation.kind !== 'plugin-error' || invocation.errorSource !== 'stdout-json') {
    throw new Error(`${what}: expected error JSON with code ${code} on stdout, got ${describe(invocation)}`);
  }
  if (invocation.error.code !== code) {
    throw new Error(`${what}: expected error code ${code}, got ${describe(invocation)}`);
  }
}

/** The error JSON a failed invocation printed on stdout, or undefined. */
export function stdoutError(invocation: Invocation) {
  return invocation.kind === 'plugin-error' && invocation.errorSource === 'stdout-json'
    ? invocation.error
    : undefined;
}
