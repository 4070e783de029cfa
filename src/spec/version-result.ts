/**
 * The VERSION verb: its stdin and its Success result (SPEC.md "VERSION Success", P-VCMD-1).
 */
import { z } from 'zod';
import { VersionStringSchema } from './config.ts';

/** VERSION stdin: only `cniVersion`. */
export const VersionRequestSchema = z
  .looseObject({ cniVersion: z.string() })
  .meta({ title: 'CNI VERSION request' });

/**
 * VERSION result. `supportedVersions` may be absent only in a legacy 0.2.0 reply, which means
 * [0.1.0, 0.2.0] (P-VCMD-4); see {@link supportedVersionsOf}.
 */
export const VersionResultSchema = z
  .looseObject({
    cniVersion: z.string(),
    supportedVersions: z.array(VersionStringSchema).min(1).optional(),
  })
  .meta({ title: 'CNI VERSION result' });

export type VersionResult = z.infer<typeof VersionResultSchema>;

/** The versions a VERSION reply advertises, with the legacy 0.2.0 default (P-VCMD-4). */
export function supportedVersionsOf(result: VersionResult): readonly string[] {
  return result.supportedVersions ?? ['0.1.0', '0.2.0'];
}
