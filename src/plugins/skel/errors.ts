/** The wire error our plugins raise (P-ERR-*, SPEC.md "Error"), with the spec's code table. */
import { ERROR_CODES } from '../../spec/error-codes.ts';

/** The spec's error codes our plugins use: the one table in src/spec/error-codes.ts (zod-free). */
export const PLUGIN_ERROR_CODES = ERROR_CODES;

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

/** Any thrown value as a PluginError; unknown failures become code 999 (plugin-specific, P-ERR-*). */
export function toPluginError(error: unknown): PluginError {
  if (error instanceof PluginError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new PluginError(PLUGIN_ERROR_CODES.INTERNAL, message);
}
