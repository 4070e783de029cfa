/**
 * Zod-free parsers of the documents a runtime call reads (conflist, plugin object, legacy `.conf`, a plugin's
 * error), for hot paths that must not load zod and build every schema (`exec`: ~40 ms of CPU per call, more
 * than cnitool spends on a whole call). Each gives the zod model's exact output (same values, same key order:
 * declared keys first, then the others, `__proto__` dropped) on the inputs it covers, and `undefined` on every
 * other input, valid or not, which then goes to the zod parser (src/spec/parse.ts) for its verdict and wording.
 * test/spec/fast-parse.test.ts holds each to its zod model on generated and mutated documents.
 */
import type { LegacyNetworkConfig, NetworkConfigList, PluginConfig } from './config.ts';
import type { WireError } from './error.ts';
import { NETWORK_NAME_PATTERN, PLUGIN_TYPE_PATTERN } from './identifiers.ts';
import { SEMVER_PATTERN } from './versions.ts';

type JsonRecord = Record<string, unknown>;

/** What the model's check rejects or what this module does not cover: ask zod. */
const UNSURE = Symbol('unsure');

function isObject(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A key's check: its parsed value, or UNSURE. */
type Check = (value: unknown) => unknown;

/** The checks of keys the model requires; every other declared key is optional. */
const requiredChecks = new WeakSet<Check>();

/** A key the model requires: absent (or undefined) is the model's error, so zod's to report. */
function required(check: Check): Check {
  const wrapped: Check = (value) => check(value);
  requiredChecks.add(wrapped);
  return wrapped;
}

/**
 * A loose object: each declared key present in `input` checked in declaration order, then every other key
 * copied as is (zod's looseObject; `__proto__` is never copied). A check returning UNSURE aborts the whole.
 */
function looseObject(input: unknown, shape: Readonly<Record<string, Check>>): unknown {
  if (!isObject(input)) return UNSURE;
  const output: JsonRecord = {};
  for (const key in shape) {
    const check = shape[key] as Check;
    const value = input[key];
    if (value === undefined) {
      if (requiredChecks.has(check)) return UNSURE;
      // An optional key: absent stays absent; present as undefined stays so (zod's handlePropertyResult).
      if (key in input) output[key] = undefined;
      continue;
    }
    const checked = check(value);
    if (checked === UNSURE) return UNSURE;
    output[key] = checked;
  }
  for (const key in input) {
    if (Object.hasOwn(shape, key) || key === '__proto__') continue;
    output[key] = input[key];
  }
  return output;
}

const string = (value: unknown): unknown => (typeof value === 'string' ? value : UNSURE);
const boolean = (value: unknown): unknown => (typeof value === 'boolean' ? value : UNSURE);
const matching =
  (pattern: RegExp) =>
  (value: unknown): unknown =>
    typeof value === 'string' && pattern.test(value) ? value : UNSURE;
const pluginType = matching(PLUGIN_TYPE_PATTERN);

function arrayOf(check: Check, minLength = 0): Check {
  return (value) => {
    if (!Array.isArray(value) || value.length < minLength) return UNSURE;
    const output: unknown[] = [];
    for (const item of value) {
      const checked = check(item);
      if (checked === UNSURE) return UNSURE;
      output.push(checked);
    }
    return output;
  };
}

/** `capabilities`: a record of booleans (zod's record: own enumerable keys, `__proto__` skipped). */
function capabilities(value: unknown): unknown {
  if (!isObject(value)) return UNSURE;
  const output: JsonRecord = {};
  for (const key of Object.keys(value)) {
    if (key === '__proto__') continue;
    if (typeof value[key] !== 'boolean') return UNSURE;
    output[key] = value[key];
  }
  return output;
}

const ipam = (value: unknown): unknown => looseObject(value, { type: pluginType });

/** `dns` has IP-address refinements (ipaddr.js) not repeated here: a plugin object with one goes to zod. */
const notCovered = (): unknown => UNSURE;

const PLUGIN_CONFIG_SHAPE = {
  type: required(pluginType),
  capabilities,
  ipMasq: boolean,
  ipam,
  dns: notCovered,
};

const pluginConfig = (value: unknown): unknown => looseObject(value, PLUGIN_CONFIG_SHAPE);

const disableCheck = (value: unknown): unknown =>
  typeof value === 'boolean' || value === 'true' || value === 'false' ? value : UNSURE;

const CONFLIST_SHAPE = {
  cniVersion: string,
  cniVersions: arrayOf(matching(SEMVER_PATTERN)),
  name: required(matching(NETWORK_NAME_PATTERN)),
  disableCheck,
  disableGC: boolean,
  loadOnlyInlinedPlugins: boolean,
  plugins: arrayOf(pluginConfig, 1),
};

const LEGACY_CONF_SHAPE = {
  ...PLUGIN_CONFIG_SHAPE,
  cniVersion: string,
  name: required(matching(NETWORK_NAME_PATTERN)),
};

function parseText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return UNSURE;
  }
}

function fromText<T>(text: string, shape: Readonly<Record<string, Check>>): T | undefined {
  const json = parseText(text);
  const checked = json === UNSURE ? UNSURE : looseObject(json, shape);
  return checked === UNSURE ? undefined : (checked as T);
}

/**
 * A conflist as parseNetworkConfigList (src/spec/parse.ts) returns it when valid; undefined: ask that parser.
 * `loadOnlyInlinedPlugins: true` without `plugins` (R-CFG-4) is left to it too.
 */
export function fastParseNetworkConfigList(text: string): NetworkConfigList | undefined {
  const list = fromText<NetworkConfigList>(text, CONFLIST_SHAPE);
  return list?.loadOnlyInlinedPlugins && !list.plugins ? undefined : list;
}

/** A plugin object as parsePluginConfig returns it when valid; undefined: ask that parser. */
export function fastParsePluginConfig(text: string): PluginConfig | undefined {
  return fromText<PluginConfig>(text, PLUGIN_CONFIG_SHAPE);
}

/** A legacy `.conf` as parseLegacyNetworkConfig returns it when valid; undefined: ask that parser. */
export function fastParseLegacyNetworkConfig(text: string): LegacyNetworkConfig | undefined {
  return fromText<LegacyNetworkConfig>(text, LEGACY_CONF_SHAPE);
}

const nonNegativeSafeInteger = (value: unknown): unknown =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : UNSURE;

const WIRE_ERROR_SHAPE = {
  cniVersion: string,
  code: required(nonNegativeSafeInteger),
  msg: required(string),
  details: string,
};

/**
 * A decoded plugin error object, as WireErrorSchema (src/spec/error.ts) parses it; undefined when it is not
 * one. Exact both ways (no input is left to zod): the caller needs only the verdict and the value.
 */
export function checkWireError(value: unknown): WireError | undefined {
  const checked = looseObject(value, WIRE_ERROR_SHAPE);
  return checked === UNSURE ? undefined : (checked as WireError);
}
