/**
 * ADD results of every version, looked up by version through the shape families (the spec's version history).
 */
import type { z } from 'zod';
import { V020IpamResultSchema, type V020Result, V020ResultSchema } from './v020/result.ts';
import {
  type V040IpamResult,
  V040IpamResultSchema,
  type V040Result,
  V040ResultSchema,
} from './v040/result.ts';
import {
  type V100IpamResult,
  V100IpamResultSchema,
  type V100Result,
  V100ResultSchema,
} from './v100/result.ts';
import { type CniVersion, familyOf, type VersionFamily } from './versions.ts';

/** An ADD result of any family; discriminate with `familyOf(result.cniVersion)`. */
export type CniResult = V020Result | V040Result | V100Result;

/** An abbreviated IPAM result of any family. */
export type CniIpamResult = V020Result | V040IpamResult | V100IpamResult;

/** The ADD result schema of each family. */
export const RESULT_SCHEMAS = {
  v020: V020ResultSchema,
  v040: V040ResultSchema,
  v100: V100ResultSchema,
} as const satisfies Record<VersionFamily, z.ZodType>;

/** The IPAM result schema of each family. */
export const IPAM_RESULT_SCHEMAS = {
  v020: V020IpamResultSchema,
  v040: V040IpamResultSchema,
  v100: V100IpamResultSchema,
} as const satisfies Record<VersionFamily, z.ZodType>;

/** The ADD result schema for a version. */
export function resultSchemaFor(version: CniVersion): z.ZodType<CniResult> {
  return RESULT_SCHEMAS[familyOf(version)];
}

/** The IPAM result schema for a version. */
export function ipamResultSchemaFor(version: CniVersion): z.ZodType<CniIpamResult> {
  return IPAM_RESULT_SCHEMAS[familyOf(version)];
}

/** Narrows a result to the 0.1.0/0.2.0 family. */
export function isV020Result(result: CniResult): result is V020Result {
  return familyOf(result.cniVersion) === 'v020';
}

/** Narrows a result to the 0.3.x/0.4.0 family. */
export function isV040Result(result: CniResult): result is V040Result {
  return familyOf(result.cniVersion) === 'v040';
}

/** Narrows a result to the 1.x family. */
export function isV100Result(result: CniResult): result is V100Result {
  return familyOf(result.cniVersion) === 'v100';
}
