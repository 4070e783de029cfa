/**
 * Assertions shared by the plugin checks. Each throws an Error whose message says what was expected, what the
 * plugin did (exit status, error code and msg) and why it matters, so a failed check reads on its own.
 */
import type { Invocation } from '../../../src/runtime/invoke.ts';
/** Fails unless the plugin exited 0. Returns the parsed stdout (undefined when empty). */
export declare function expectSuccess(invocation: Invocation, what: string): unknown;
/** Fails unless the plugin reported a failure: a non-zero exit, not a crash, hang or spawn failure. */
export declare function expectFailure(invocation: Invocation, what: string): void;
/** Fails unless the plugin failed with error JSON on stdout carrying `code`. */
export declare function expectErrorCode(invocation: Invocation, code: number, what: string): void;
/** The error JSON a failed invocation printed on stdout, or undefined. */
export declare function stdoutError(invocation: Invocation):
  | {
      [x: string]: unknown;
      code: number;
      msg: string;
      cniVersion?: string | undefined;
      details?: string | undefined;
    }
  | undefined;
