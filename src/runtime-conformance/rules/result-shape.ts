/**
 * Results in a given version's format: what a runtime hands plugins as prevResult once it converted the cached
 * result to the list's cniVersion (R-REQ-8), and the comparison of a converted prevResult with the raw cached
 * one (R-DEL-2, R-CHK-2).
 */
import { convertResult, parseResult } from '../../spec/index.ts';
import { formatJson, sameResult } from '../compare.ts';

/** Why `result` is not in `version`'s format, or undefined when it is. */
export function resultShapeProblem(result: unknown, version: string): string | undefined {
  const labelled =
    typeof result === 'object' && result !== null
      ? (result as Record<string, unknown>).cniVersion
      : undefined;
  if (labelled !== version)
    return `prevResult is labelled cniVersion ${formatJson(labelled)}, the request is ${version}`;
  const parsed = parseResult(version, result);
  if (parsed.ok) return undefined;
  const issue = parsed.issues[0];
  return `prevResult is not a ${version} result: ${issue?.path ?? ''} ${issue?.reason ?? ''}`.trim();
}

/** `result` converted to `version`, or undefined when it cannot be parsed or converted. */
export function resultInVersion(result: unknown, version: string): unknown {
  const labelled =
    typeof result === 'object' && result !== null
      ? (result as Record<string, unknown>).cniVersion
      : undefined;
  if (typeof labelled !== 'string') return undefined;
  const parsed = parseResult(labelled, result);
  if (!parsed.ok) return undefined;
  const converted = convertResult(parsed.value, version);
  return converted.ok ? converted.result : undefined;
}

/** True when `got` is the cached result as it was, or as converted to `version` (R-REQ-8 allows both). */
export function sameCachedResult(got: unknown, cached: unknown, version: unknown): boolean {
  if (sameResult(got, cached)) return true;
  if (typeof version !== 'string') return false;
  const converted = resultInVersion(cached, version);
  return converted !== undefined && sameResult(got, converted);
}
