/**
 * Brings a plugin result into the list's version before it becomes a `prevResult` (R-REQ-8): the runtime
 * sends every plugin a prevResult in the request's own format. Conversion is the spec module's edge table.
 */
import { formatParseIssues } from '../errors.ts';
import type { CniResult } from '../spec/result.ts';

/** The converted result, or why it cannot be converted. */
export type ResultConversion = { ok: true; result: Record<string, unknown> } | { ok: false; reason: string };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Converts `result` to `version`. A result without `cniVersion` is taken to be in `version` already (libcni,
 * cni issue #895); a result already at `version` passes through untouched (as libcni, which does not
 * validate beyond decoding). A result in another version is parsed at its own version, then converted: only
 * then are the spec's zod models loaded (`exec` with a plugin at the list's version never loads them).
 */
export async function convertResultToVersion(result: unknown, version: string): Promise<ResultConversion> {
  if (!isObject(result)) return { ok: false, reason: 'result is not a JSON object' };
  const from = typeof result.cniVersion === 'string' ? result.cniVersion : version;
  if (from === version) return { ok: true, result: { ...result, cniVersion: version } };
  const [{ parseResult }, { convertResult }] = await Promise.all([
    import('../spec/parse.ts'),
    import('../spec/convert.ts'),
  ]);
  const parsed = parseResult(from, result);
  if (!parsed.ok)
    return { ok: false, reason: `result at ${from} is invalid: ${formatParseIssues(parsed.issues)}` };
  const converted = convertResult(parsed.value satisfies CniResult, version);
  return converted.ok
    ? { ok: true, result: converted.result as Record<string, unknown> }
    : { ok: false, reason: converted.error.message };
}
