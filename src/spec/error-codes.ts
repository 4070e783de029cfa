/**
 * The well-known CNI error codes and their meanings (P-ERR-*). Kept free of zod so the bundled plugins can
 * import it without paying for zod at start-up.
 */

/** Well-known error codes: the spec table plus 8 and 999 as seen in practice (P-ERR-*). */
export const ERROR_CODES = {
  INCOMPATIBLE_VERSION: 1,
  UNSUPPORTED_FIELD: 2,
  UNKNOWN_CONTAINER: 3,
  INVALID_ENVIRONMENT: 4,
  IO_FAILURE: 5,
  DECODING_FAILURE: 6,
  INVALID_NETWORK_CONFIG: 7,
  INVALID_NETNS: 8,
  TRY_AGAIN_LATER: 11,
  PLUGIN_NOT_AVAILABLE: 50,
  PLUGIN_NOT_AVAILABLE_LIMITED_CONNECTIVITY: 51,
  INTERNAL: 999,
} as const;

export type ErrorCodeName = keyof typeof ERROR_CODES;

/** What each well-known code means, for reports. */
export const ERROR_CODE_MEANINGS: Readonly<Record<number, string>> = {
  1: 'incompatible CNI version',
  2: 'unsupported field in network configuration',
  3: 'container unknown or does not exist',
  4: 'invalid necessary environment variables',
  5: 'I/O failure',
  6: 'failed to decode content',
  7: 'invalid network config',
  8: 'invalid network namespace (not in the spec; Go skel)',
  11: 'try again later',
  50: 'the plugin is not available',
  51: 'the plugin is not available, and existing containers in the network may have limited connectivity',
  999: 'internal error (not in the spec; Go plugins)',
};

/** Codes 0-99 are reserved for the spec; plugin-specific codes start at 100 (P-ERR-2). */
export function isReservedCodeWithoutMeaning(code: number): boolean {
  return code < 100 && !(code in ERROR_CODE_MEANINGS);
}
