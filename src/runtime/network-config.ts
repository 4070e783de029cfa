/**
 * The network configuration list as the runtime holds it, and its parser with libcni's rules (SPEC.md "Configuration format",
 * R-CFG-1, R-CFG-5): `cniVersion` ∪ `cniVersions` with the highest supported picked, the booleans that 0.4.0
 * allowed as strings, a non-empty `plugins`, and a `type` on every plugin.
 */
import type { ParseIssue, ParseResult } from '../errors.ts';
// Spec modules by name, not the spec/index.ts barrel: `exec` must not load the JSON Schema validator.
import { parsePluginConfig, parseNetworkConfigList as parseSpecConfigList } from '../spec/parse.ts';
import { pickVersion, type RawVersionKeys } from '../spec/pick-version.ts';
import { compareVersions, isCniVersion } from '../spec/versions.ts';
import { sortKeysDeep, stringifyLikeGo } from './go-json.ts';

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

type Step<T> = { ok: true; value: T } | { ok: false; issues: readonly ParseIssue[] };

/** libcni's readBool: a boolean, or "true"/"false" (0.4.0 typed disableCheck as a string). */
function readBool(value: unknown): boolean {
  return value === true || value === 'true';
}

/**
 * The version to run at (R-CFG-1, the spec module's pickVersion) and every supported candidate, highest first.
 * A lone `cniVersion` the runtime does not know is passed through, so the plugin can refuse it (P-VER-2).
 */
function readVersions(raw: RawVersionKeys): Step<{ selected: string; candidates: string[] }> {
  const picked = pickVersion(raw);
  if (!picked.ok) {
    const lone = raw.cniVersions === undefined && typeof raw.cniVersion === 'string';
    const unsupportedOnly = picked.issues.every((issue) => issue.path === '');
    if (!(lone && unsupportedOnly)) return { ok: false, issues: picked.issues };
    return { ok: true, value: { selected: String(raw.cniVersion), candidates: [String(raw.cniVersion)] } };
  }
  const listed = [raw.cniVersion, ...(Array.isArray(raw.cniVersions) ? raw.cniVersions : [])];
  const candidates = [...new Set(listed.filter(isCniVersion))].sort((a, b) => compareVersions(b, a));
  return {
    ok: true,
    value: { selected: picked.value, candidates: candidates.length > 0 ? candidates : [picked.value] },
  };
}

/** One plugin object (checked by the spec model): its type, own name and the object itself. */
export function buildNetworkPlugin(config: JsonObject, file?: string): NetworkPlugin {
  const name = typeof config.name === 'string' ? config.name : undefined;
  return { type: String(config.type), name, config, file };
}

/** Parses a plugin object (aggregated `.conf`): an object with a valid `type`. */
export function parseNetworkPlugin(text: string, file?: string): ParseResult<NetworkPlugin> {
  const parsed = parsePluginConfig(text);
  return parsed.ok ? { ok: true, value: buildNetworkPlugin(parsed.value, file) } : parsed;
}

/** Parses conflist text with the spec model; aggregated sibling plugins are added by the loader. */
export function parseNetworkConfigList(bytes: string, file?: string): ParseResult<NetworkConfigList> {
  const parsed = parseSpecConfigList(bytes);
  if (!parsed.ok) return parsed;
  const raw = parsed.value;
  if (raw.plugins === undefined && raw.loadOnlyInlinedPlugins) {
    return {
      ok: false,
      issues: [{ path: '/plugins', reason: '`loadOnlyInlinedPlugins` is true, and no `plugins` key' }],
    };
  }
  const versions = readVersions(raw);
  if (!versions.ok) return versions;
  return {
    ok: true,
    value: {
      name: raw.name,
      cniVersion: versions.value.selected,
      candidateVersions: versions.value.candidates,
      disableCheck: readBool(raw.disableCheck),
      disableGC: readBool(raw.disableGC),
      loadOnlyInlinedPlugins: readBool(raw.loadOnlyInlinedPlugins),
      plugins: (raw.plugins ?? []).map((plugin) => buildNetworkPlugin(plugin)),
      bytes,
      file,
    },
  };
}

/**
 * Up-converts a legacy single-plugin `.conf` object into a one-plugin list, as libcni's ConfListFromConf: its
 * bytes (cached with every ADD) are a Go map's, keys sorted.
 */
export function buildListFromPluginConf(raw: JsonObject): string {
  return stringifyLikeGo(sortKeysDeep({ name: raw.name, cniVersion: raw.cniVersion, plugins: [raw] }));
}
