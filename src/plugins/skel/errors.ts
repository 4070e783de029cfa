/**
 * The wire error our plugins raise (notes §2.12, §4.6). Codes mirror `ERROR_CODES` in src/spec/error.ts;
 * they are repeated here because that module pulls in zod, which would slow every plugin's start-up
 * (test/plugins/skel/errors.test.ts keeps the two tables equal).
 */

/** The spec's error codes our plugins use. */
export const PLUGIN_ERROR_CODES = {
  INCOMPATIBLE_VERSION: 1,
  UNSUPPORTED_FIELD: 2,
  UNKNOWN_CONTAINER: 3,
  INVALID_ENVIRONMENT: 4,
  IO_FAILURE: 5,
  DECODING_FAILURE: 6,
  INVALID_NETWORK_CONFIG: 7,
  TRY_AGAIN_LATER: 11,
  PLUGIN_NOT_AVAILABLE: 50,
  INTERNAL: 999,
} as const;

/** A failure that skel prints as `{cniVersion, code, msg, details?}` on stdout before exiting 1. */
export class PluginError extends Error {
  readonly code: number;
  readonly details: string | undefined;

  constructor(code: number, msg: string, details?: string) {
    super(msg);
    this.name = 'PluginError';
    this.code = code;
    this.details = details;
  }
}

/** A configuration error (code 7) naming the offending key and value. */
export function invalidConfig(msg: string, details?: string): PluginError {
  return new PluginError(PLUGIN_ERROR_CODES.INVALID_NETWORK_CONFIG, msg, details);
}

/** Any thrown value as a PluginError; unknown failures become code 999 (plugin-specific, notes §2.12). */
export function toPluginError(error: unknown): PluginError {
  if (error instanceof PluginError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new PluginError(PLUGIN_ERROR_CODES.INTERNAL, message);
}
