/**
 * The network configuration list as the runtime holds it, and its parser with libcni's rules (notes §4.1,
 * R-CFG-1, R-CFG-5): `cniVersion` ∪ `cniVersions` with the highest supported picked, the booleans that 0.4.0
 * allowed as strings, a non-empty `plugins`, and a `type` on every plugin.
 */
import type { ParseIssue, ParseResult } from '../errors.ts';
import { compareVersions, isCniVersion, parseSemVer } from '../spec/versions.ts';
import { validateNetworkName } from './identifiers.ts';

/** A JSON object as written by the admin; every key is passed through to the plugin. */
export type JsonObject = Readonly<Record<string, unknown>>;

/** One plugin of a list: its raw object plus where it came from. */
export interface NetworkPlugin {
  /** The binary name looked up on CNI_PATH. */
  readonly type: string;
  /** The plugin's own `name`, if the object carries one (libcni names it in chain errors). */
  readonly name: string | undefined;
  /** The object exactly as configured. */
  readonly config: JsonObject;
  /** The file an aggregated plugin was read from (`<confdir>/<network>/x.conf`), else undefined. */
  readonly file: string | undefined;
}

/** A parsed network configuration list, ready to run. */
export interface NetworkConfigList {
  readonly name: string;
  /** The version every plugin receives: the highest of {cniVersion} ∪ cniVersions this runtime supports. */
  readonly cniVersion: string;
  /** Every candidate version this runtime supports, highest first (VERSION probing may pick a lower one). */
  readonly candidateVersions: readonly string[];
  readonly disableCheck: boolean;
  readonly disableGC: boolean;
  readonly loadOnlyInlinedPlugins: boolean;
  readonly plugins: readonly NetworkPlugin[];
  /** The configuration bytes cached with each ADD result (libcni's `config`). */
  readonly bytes: string;
  /** The file the list was loaded from, when it came from a conf dir. */
  readonly file: string | undefined;
}

/** The version assumed when a configuration has none (libcni and skel: notes §0.13). */
export const DEFAULT_CNI_VERSION = '0.1.0';

type Step<T> = { ok: true; value: T } | { ok: false; issue: ParseIssue };

const fail = (path: string, reason: string): { ok: false; issue: ParseIssue } => ({
  ok: false,
  issue: { path, reason },
});

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** libcni's readBool: a boolean, or "true"/"false" in any case (0.4.0 typed disableCheck as a string). */
function readBool(raw: Record<string, unknown>, key: string): Step<boolean> {
  const value = raw[key];
  if (value === undefined) return { ok: true, value: false };
  if (typeof value === 'boolean') return { ok: true, value };
  if (typeof value === 'string' && ['true', 'false'].includes(value.toLowerCase())) {
    return { ok: true, value: value.toLowerCase() === 'true' };
  }
  return fail(`/${key}`, `must be a boolean or "true"/"false", got ${JSON.stringify(value)}`);
}

/** Candidate versions: every valid entry, unsupported ones dropped, highest first. */
function readVersions(raw: Record<string, unknown>): Step<{ selected: string; candidates: string[] }> {
  const declared: string[] = [];
  if (raw.cniVersion !== undefined) {
    if (typeof raw.cniVersion !== 'string') return fail('/cniVersion', 'must be a string');
    declared.push(raw.cniVersion);
  }
  if (raw.cniVersions !== undefined) {
    if (!Array.isArray(raw.cniVersions)) return fail('/cniVersions', 'must be an array of strings');
    for (const [index, entry] of raw.cniVersions.entries()) {
      if (typeof entry !== 'string' || !parseSemVer(entry)) {
        return fail(`/cniVersions/${index}`, `invalid version ${JSON.stringify(entry)}`);
      }
      declared.push(entry);
    }
  }
  const candidates = [...new Set(declared.filter(isCniVersion))].sort((a, b) => compareVersions(b, a));
  // An unsupported lone cniVersion is passed through so the plugin can refuse it (P-VER-2).
  const selected =
    candidates[0] ?? (typeof raw.cniVersion === 'string' ? raw.cniVersion : DEFAULT_CNI_VERSION);
  return { ok: true, value: { selected, candidates: candidates.length > 0 ? candidates : [selected] } };
}

/** Parses one plugin object: it must be an object with a non-empty string `type`. */
export function parsePluginConfig(raw: unknown, path: string, file?: string): Step<NetworkPlugin> {
  if (!isObject(raw)) return fail(path, 'plugin configuration must be a JSON object');
  if (typeof raw.type !== 'string' || raw.type === '') return fail(`${path}/type`, "missing 'type'");
  const name = typeof raw.name === 'string' ? raw.name : undefined;
  return { ok: true, value: { type: raw.type, name, config: raw, file } };
}

function readPlugins(raw: Record<string, unknown>, loadOnlyInlined: boolean): Step<NetworkPlugin[]> {
  if (raw.plugins === undefined) {
    if (loadOnlyInlined) return fail('/plugins', '`loadOnlyInlinedPlugins` is true, and no `plugins` key');
    return { ok: true, value: [] };
  }
  if (!Array.isArray(raw.plugins)) return fail('/plugins', 'must be an array');
  if (raw.plugins.length === 0) return fail('/plugins', 'no plugins in list');
  const plugins: NetworkPlugin[] = [];
  for (const [index, entry] of raw.plugins.entries()) {
    const plugin = parsePluginConfig(entry, `/plugins/${index}`);
    if (!plugin.ok) return plugin;
    plugins.push(plugin.value);
  }
  return { ok: true, value: plugins };
}

function readName(raw: Record<string, unknown>): Step<string> {
  if (typeof raw.name !== 'string')
    return fail('/name', raw.name === undefined ? 'no name' : 'must be a string');
  const invalid = validateNetworkName(raw.name);
  if (invalid) return fail('/name', `${invalid.msg}: ${JSON.stringify(raw.name)}`);
  return { ok: true, value: raw.name };
}

/** Parses conflist text. Aggregated sibling plugins are added by the loader, not here. */
export function parseNetworkConfigList(bytes: string, file?: string): ParseResult<NetworkConfigList> {
  let raw: unknown;
  try {
    raw = JSON.parse(bytes);
  } catch (error) {
    return { ok: false, issues: [{ path: '', reason: `invalid JSON: ${(error as Error).message}` }] };
  }
  if (!isObject(raw)) return { ok: false, issues: [{ path: '', reason: 'must be a JSON object' }] };
  const name = readName(raw);
  const versions = readVersions(raw);
  const disableCheck = readBool(raw, 'disableCheck');
  const disableGC = readBool(raw, 'disableGC');
  const loadOnly = readBool(raw, 'loadOnlyInlinedPlugins');
  const plugins = readPlugins(raw, loadOnly.ok && loadOnly.value);
  const steps = [name, versions, disableCheck, disableGC, loadOnly, plugins];
  const issues = steps.flatMap((step) => (step.ok ? [] : [step.issue]));
  if (!name.ok || !versions.ok || !disableCheck.ok || !disableGC.ok || !loadOnly.ok || !plugins.ok) {
    return { ok: false, issues };
  }
  return {
    ok: true,
    value: {
      name: name.value,
      cniVersion: versions.value.selected,
      candidateVersions: versions.value.candidates,
      disableCheck: disableCheck.value,
      disableGC: disableGC.value,
      loadOnlyInlinedPlugins: loadOnly.value,
      plugins: plugins.value,
      bytes,
      file,
    },
  };
}

/** Up-converts a legacy single-plugin `.conf` object into a one-plugin list, as libcni's ConfListFromConf. */
export function buildListFromPluginConf(raw: JsonObject): string {
  return JSON.stringify({ name: raw.name, cniVersion: raw.cniVersion, plugins: [raw] });
}
