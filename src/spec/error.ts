/**
 * The wire error a plugin prints on stdout (P-ERR-*, SPEC.md "Error") and the well-known codes.
 */
import { z } from 'zod';

/** The error object. `cniVersion` is in the spec but absent from Go plugins' output (P-ERR-1). */
export const WireErrorSchema = z
  .object({
    cniVersion: z.string().optional(),
    code: z.number().int().nonnegative(),
    msg: z.string(),
    details: z.string().optional(),
  })
  .loose();

export type WireError = z.infer<typeof WireErrorSchema>;

export type { ErrorCodeName } from './error-codes.ts';
export { ERROR_CODE_MEANINGS, ERROR_CODES, isReservedCodeWithoutMeaning } from './error-codes.ts';
