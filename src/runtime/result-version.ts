/**
 * Brings a plugin result into the list's version before it becomes a `prevResult` (R-REQ-8): the runtime
 * sends every plugin a prevResult in the request's own format.
 */
import { familyOf, isCniVersion } from '../spec/versions.ts';

/** The converted result, or why it cannot be converted. */
export type ResultConversion = { ok: true; result: Record<string, unknown> } | { ok: false; reason: string };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Converts `result` to `version`. A result without `cniVersion` is taken to be in `version` already (libcni,
 * cni issue #895). Within one shape family only the label changes.
 */
export function convertResultToVersion(result: unknown, version: string): ResultConversion {
  if (!isObject(result)) return { ok: false, reason: 'result is not a JSON object' };
  const from = typeof result.cniVersion === 'string' ? result.cniVersion : version;
  if (from === version) return { ok: true, result: { ...result, cniVersion: version } };
  if (!isCniVersion(from) || !isCniVersion(version)) {
    return { ok: false, reason: `no converter for CNI result version ${from} to ${version}` };
  }
  if (familyOf(from) === familyOf(version)) return { ok: true, result: { ...result, cniVersion: version } };
  return { ok: false, reason: `no converter for CNI result version ${from} to ${version}` };
}
