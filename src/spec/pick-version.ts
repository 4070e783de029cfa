/**
 * Version selection for a configuration list (R-CFG-1): the highest of `cniVersion` ∪ `cniVersions` that
 * the runtime supports. As in libcni, every entry must parse ("x.y.z") or the list is rejected; parsable
 * entries the runtime does not support (e.g. above its maximum) are dropped.
 */
import type { ParseIssue, ParseResult } from '../errors.ts';
import { formatReceived } from './issues.ts';
import { CNI_VERSIONS, compareVersions, parseSemVer } from './versions.ts';

/** The version keys of a conflist, still unchecked. */
export interface RawVersionKeys {
  readonly cniVersion?: unknown;
  readonly cniVersions?: unknown;
}

/** What a missing `cniVersion` means in libcni and skel (P-VER-*). */
export const DEFAULT_CNI_VERSION = '0.1.0';

function candidateEntries(raw: RawVersionKeys): { path: string; value: unknown }[] | ParseIssue {
  const entries: { path: string; value: unknown }[] = [];
  if (raw.cniVersion !== undefined) entries.push({ path: '/cniVersion', value: raw.cniVersion });
  if (raw.cniVersions === undefined) return entries;
  if (!Array.isArray(raw.cniVersions))
    return { path: '/cniVersions', reason: 'must be an array of versions' };
  raw.cniVersions.forEach((value, index) => {
    entries.push({ path: `/cniVersions/${index}`, value });
  });
  return entries;
}

/**
 * Picks the version to run a configuration list at.
 * @param raw - the conflist (only `cniVersion` and `cniVersions` are read)
 * @param supported - versions the runtime (and, optionally, the plugins) support
 * @defaultValue supported: every released version ({@link CNI_VERSIONS})
 * @returns the chosen version; "0.1.0" when neither key is present; a failure naming the JSON pointer of a
 *   malformed entry, or saying that no listed version is supported.
 */
export function pickVersion(
  raw: RawVersionKeys,
  supported: readonly string[] = CNI_VERSIONS,
): ParseResult<string> {
  const entries = candidateEntries(raw);
  if (!Array.isArray(entries)) return { ok: false, issues: [entries] };
  if (entries.length === 0) return { ok: true, value: DEFAULT_CNI_VERSION };
  const issues: ParseIssue[] = entries
    .filter((entry) => typeof entry.value !== 'string' || !parseSemVer(entry.value))
    .map((entry) => ({ path: entry.path, reason: `not a version "x.y.z": ${formatReceived(entry.value)}` }));
  if (issues.length > 0) return { ok: false, issues };
  const usable = entries
    .map((entry) => entry.value as string)
    .filter((version) => supported.includes(version));
  const highest = usable.sort(compareVersions).at(-1);
  if (highest !== undefined) return { ok: true, value: highest };
  const listed = entries.map((entry) => String(entry.value)).join(', ');
  return {
    ok: false,
    issues: [
      { path: '', reason: `none of the listed versions (${listed}) is supported (${supported.join(', ')})` },
    ],
  };
}
