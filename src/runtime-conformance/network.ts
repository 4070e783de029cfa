/**
 * What the judge expects of one installed network: its plugin order and the request fields a runtime must
 * derive from it (R-CFG-*, R-REQ-*).
 */
import { CNI_VERSIONS, compareVersions } from '../spec/versions.ts';

type Json = Record<string, unknown>;

/** A conflist as installed, with the facts the rules need. */
export interface NetworkSpec {
  readonly name: string;
  /** Plugin objects in list order. */
  readonly plugins: readonly Json[];
  /** Plugin types in list order. */
  readonly types: readonly string[];
  /** The version a correct runtime selects (R-CFG-1). */
  readonly selectedVersion: string;
  readonly disableCheck: boolean;
  readonly disableGC: boolean;
  /** Types of the sibling-dir plugin configs the runtime appends after the inlined ones (R-CFG-4). */
  readonly aggregatedTypes: readonly string[];
  /** Types of sibling-dir plugin configs the runtime must ignore (`loadOnlyInlinedPlugins`, R-CFG-4). */
  readonly ignoredTypes: readonly string[];
}

function isTrue(value: unknown): boolean {
  // 0.4.0 typed disableCheck as a string; libcni accepts "true" (R-CFG-2).
  return value === true || value === 'true';
}

/** The highest released version in cniVersion ∪ cniVersions that the runtime supports (R-CFG-1). */
export function selectVersion(conflist: Json, maxVersion = '1.1.0'): string {
  // cniVersions is a 1.1.0 key: a runtime that stops below 1.1.0 does not know it.
  const knowsList = compareVersions(maxVersion, '1.1.0') >= 0 && Array.isArray(conflist.cniVersions);
  const offered = [conflist.cniVersion, ...(knowsList ? (conflist.cniVersions as unknown[]) : [])];
  const usable = offered.filter(
    (version): version is string =>
      typeof version === 'string' &&
      (CNI_VERSIONS as readonly string[]).includes(version) &&
      compareVersions(version, maxVersion) <= 0,
  );
  usable.sort(compareVersions);
  return usable.at(-1) ?? (typeof conflist.cniVersion === 'string' ? conflist.cniVersion : '0.1.0');
}

const typeOf = (plugin: Json) => String(plugin.type ?? '');

/**
 * A single-plugin network (`.conf`: a `type` and no `plugins`) as libcni upconverts it (ConfListFromConf): a list
 * of that one plugin object, under its name and cniVersion.
 */
export function upconvertConf(config: Json): Json {
  if (Array.isArray(config.plugins) || typeof config.type !== 'string') return config;
  return { cniVersion: config.cniVersion, name: config.name, plugins: [config] };
}

/**
 * Builds the expectations for one conflist. `aggregated` are the plugin configs written to the sibling dir
 * `<confdir>/<name>/`: appended unless `loadOnlyInlinedPlugins`, and only by a runtime that knows the 1.1.0
 * feature (a runtime stopping below 1.1.0 is right to ignore them).
 */
export function buildNetworkSpec(
  config: Json,
  maxVersion = '1.1.0',
  aggregated: readonly Json[] = [],
): NetworkSpec {
  const conflist = upconvertConf(config);
  const inlined = (Array.isArray(conflist.plugins) ? conflist.plugins : []) as Json[];
  const knowsAggregation = compareVersions(maxVersion, '1.1.0') >= 0;
  const appended = knowsAggregation && conflist.loadOnlyInlinedPlugins !== true ? aggregated : [];
  const plugins = [...inlined, ...appended];
  return {
    name: String(conflist.name ?? ''),
    plugins,
    types: plugins.map(typeOf),
    selectedVersion: selectVersion(conflist, maxVersion),
    disableCheck: isTrue(conflist.disableCheck),
    disableGC: isTrue(conflist.disableGC),
    aggregatedTypes: appended.map(typeOf),
    ignoredTypes: knowsAggregation && appended.length === 0 ? aggregated.map(typeOf) : [],
  };
}

/** The conflist as a runtime that supports up to `maxVersion` can take it: cniVersion lowered to it when above. */
export function clampConflistVersion(conflist: Json, maxVersion: string): Json {
  const version = conflist.cniVersion;
  if (typeof version !== 'string' || compareVersions(version, maxVersion) <= 0) return conflist;
  return { ...conflist, cniVersion: maxVersion };
}

/** Capabilities the plugin declares `true` (R-REQ-3). */
export function declaredCapabilities(plugin: Json): string[] {
  const caps = plugin.capabilities;
  if (typeof caps !== 'object' || caps === null) return [];
  return Object.entries(caps)
    .filter(([, on]) => on === true)
    .map(([name]) => name);
}
