/**
 * The network configuration list as the runtime holds it, built from a checked conflist with libcni's rules
 * (SPEC.md "Configuration format", R-CFG-1, R-CFG-5): `cniVersion` ∪ `cniVersions` with the highest supported
 * picked, the booleans that 0.4.0 allowed as strings, a non-empty `plugins`, and a `type` on every plugin.
 * Free of zod, as is everything `exec` loads before a plugin runs: text is checked by src/spec/fast-parse.ts,
 * and only what that leaves undecided (invalid input, mostly) loads the zod parsers, for their verdict and
 * wording. network-config.ts holds the synchronous parsers, on zod alone.
 */
import { HarnessError, type ParseIssue, type ParseResult } from '../errors.ts';
import type {
  LegacyNetworkConfig,
  PluginConfig,
  NetworkConfigList as SpecNetworkConfigList,
} from '../spec/config.ts';
import {
  fastParseLegacyNetworkConfig,
  fastParseNetworkConfigList,
  fastParsePluginConfig,
} from '../spec/fast-parse.ts';
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

/** A configuration that fails its model, as every loader reports it. */
export function invalidConfig(file: string, reason: string): HarnessError {
  return new HarnessError(
    'CNI_CONFORMANCE_CONFIG_INVALID',
    `invalid network configuration ${file}: ${reason}`,
    {
      fix: 'fix the file, or move it out of the conf dir',
    },
  );
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

/** The runtime's list from a conflist the spec model accepted; aggregated sibling plugins are the loader's. */
export function networkListFromSpec(
  raw: SpecNetworkConfigList,
  bytes: string,
  file?: string,
): ParseResult<NetworkConfigList> {
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

/** The spec's zod parsers, loaded only for input the fast parsers leave undecided. */
function specParsers() {
  return import('../spec/parse.ts');
}

/** Conflist text to the runtime's list (as network-config.ts's parseNetworkConfigList), zod only if needed. */
export async function parseNetworkListText(
  bytes: string,
  file?: string,
): Promise<ParseResult<NetworkConfigList>> {
  const fast = fastParseNetworkConfigList(bytes);
  const parsed = fast
    ? { ok: true as const, value: fast }
    : (await specParsers()).parseNetworkConfigList(bytes);
  return parsed.ok ? networkListFromSpec(parsed.value, bytes, file) : parsed;
}

/** A plugin object's text (aggregated `.conf`) to a plugin, as parseNetworkPlugin, zod only if needed. */
export async function parseNetworkPluginText(
  text: string,
  file?: string,
): Promise<ParseResult<NetworkPlugin>> {
  const fast = fastParsePluginConfig(text);
  const parsed: ParseResult<PluginConfig> = fast
    ? { ok: true, value: fast }
    : (await specParsers()).parsePluginConfig(text);
  return parsed.ok ? { ok: true, value: buildNetworkPlugin(parsed.value, file) } : parsed;
}

/** A legacy `.conf`'s text, as the spec's parseLegacyNetworkConfig, zod only if needed. */
export async function parseLegacyConfText(text: string): Promise<ParseResult<LegacyNetworkConfig>> {
  const fast = fastParseLegacyNetworkConfig(text);
  return fast ? { ok: true, value: fast } : (await specParsers()).parseLegacyNetworkConfig(text);
}
