/**
 * Harness errors: bad input or missing prerequisites, never a plugin's fault.
 * Each has a stable `code`; guard on the code, not on `instanceof`, because errors cross vitest's
 * worker boundary serialized. The CLI prints `message` on one line and exits 2.
 */

export const HARNESS_ERROR_CODES = [
  'CNI_CONFORMANCE_USAGE',
  'CNI_CONFORMANCE_FILE_NOT_FOUND',
  'CNI_CONFORMANCE_PLUGIN_NOT_EXECUTABLE',
  'CNI_CONFORMANCE_CONFIG_INVALID',
  'CNI_CONFORMANCE_CONFIG_MISSING_PLUGIN',
  'CNI_CONFORMANCE_PLUGIN_NOT_FOUND',
  'CNI_CONFORMANCE_PREREQUISITE_MISSING',
  'CNI_CONFORMANCE_SANDBOX_FAILED',
  'CNI_CONFORMANCE_CACHE_INVALID',
  'CNI_CONFORMANCE_INSPECT_FAILED',
] as const;

export type HarnessErrorCode = (typeof HARNESS_ERROR_CODES)[number];

/** Base of every harness error; `message` is one line that says what is wrong, where, and the fix. */
export class HarnessError extends Error {
  readonly code: HarnessErrorCode;
  /** What to do about it, when known; appended to the message after " — ". */
  readonly fix: string | undefined;

  constructor(code: HarnessErrorCode, what: string, options: { fix?: string; cause?: unknown } = {}) {
    super(options.fix ? `${what} — ${options.fix}` : what, { cause: options.cause });
    this.name = 'HarnessError';
    this.code = code;
    this.fix = options.fix;
  }
}

/** True for a HarnessError, also after it was serialized across a worker boundary. */
export function isHarnessError(error: unknown): error is HarnessError {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    (HARNESS_ERROR_CODES as readonly string[]).includes(error.code)
  );
}

/** A parser's failure: the JSON path (or file plus path) of the offending value and the reason. */
export interface ParseIssue {
  /** Where the problem is, as a JSON pointer ("/plugins/0/type"), or "" for the whole document. */
  readonly path: string;
  readonly reason: string;
}

/** What every parser returns instead of throwing. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; issues: readonly ParseIssue[] };

/** One line for a set of parse issues: `/plugins/0/type: Required; /name: …`. */
export function formatParseIssues(issues: readonly ParseIssue[]): string {
  return issues.map((issue) => `${issue.path || '(root)'}: ${issue.reason}`).join('; ');
}
