/**
 * Result conversion between versions (the spec's version history, "Up/down conversion"), modelled on cni
 * pkg/types/internal/convert.go but as ONE static edge table between shape families, through the 0.4.0
 * pivot; nothing registers itself at import time. Conversion never throws: it returns a union.
 * Zod-free (types only from the schema layer): the plugins' skel converts its results with it.
 */
import { addressFamilyOf } from './address-family.ts';
import type { CniResult } from './result.ts';
import type { V020IpConfig, V020Result } from './v020/result.ts';
import type { V040IpConfig, V040Result } from './v040/result.ts';
import { V11_INTERFACE_FIELDS, V11_ROUTE_FIELDS } from './v100/fields.ts';
import type { V100Result } from './v100/result.ts';
import { type CniVersion, familyOf, isCniVersion, type VersionFamily } from './versions.ts';

/** Why a conversion failed. */
export interface ConversionError {
  /** `no-converter`: no edge between the versions; `no-address`: 0.1.0/0.2.0 need at least one IP. */
  readonly kind: 'no-converter' | 'no-address';
  /** The message Go's converter uses for the same case. */
  readonly message: string;
}

/** The outcome of {@link convertResult}. */
export type ConversionResult = { ok: true; result: CniResult } | { ok: false; error: ConversionError };

interface Edge {
  readonly from: VersionFamily;
  readonly to: VersionFamily;
  readonly convert: (result: CniResult, toVersion: CniVersion) => ConversionResult;
}

/** The pivot every cross-family conversion without a direct edge goes through. */
export const PIVOT_VERSION = '0.4.0' satisfies CniVersion;

const done = (result: CniResult): ConversionResult => ({ ok: true, result });
const present = <T>(key: string, values: readonly T[]): Record<string, T[]> =>
  values.length > 0 ? { [key]: [...values] } : {};
const optional = (key: string, value: unknown): Record<string, unknown> =>
  value === undefined ? {} : { [key]: value };

function fromV020(result: V020Result, toVersion: CniVersion): ConversionResult {
  const blocks = [
    ['4', result.ip4],
    ['6', result.ip6],
  ] as const;
  const ips: V040IpConfig[] = [];
  const routes: { dst: string; gw?: string }[] = [];
  for (const [version, block] of blocks) {
    if (!block) continue;
    ips.push({ version, address: block.ip, ...optional('gateway', block.gateway) } as V040IpConfig);
    routes.push(...(block.routes ?? []).map((route) => ({ dst: route.dst, ...optional('gw', route.gw) })));
  }
  const converted = { cniVersion: toVersion, ...present('ips', ips), ...present('routes', routes) };
  return done({ ...converted, ...optional('dns', result.dns) } as V040Result);
}

// 0.4 → 0.2: first v4 and first v6 address; routes follow their destination's family; interfaces dropped.
function toV020(result: V040Result, toVersion: CniVersion): ConversionResult {
  const blocks: Partial<Record<'4' | '6', V020IpConfig>> = {};
  for (const ip of result.ips ?? []) {
    blocks[ip.version] ??= { ip: ip.address, ...optional('gateway', ip.gateway) } as V020IpConfig;
  }
  if (!blocks['4'] && !blocks['6']) {
    return { ok: false, error: { kind: 'no-address', message: 'cannot convert: no valid IP addresses' } };
  }
  for (const route of result.routes ?? []) {
    const block = blocks[addressFamilyOf(route.dst)];
    if (block) block.routes = [...(block.routes ?? []), { dst: route.dst, ...optional('gw', route.gw) }];
  }
  const converted = {
    cniVersion: toVersion,
    ...optional('ip4', blocks['4']),
    ...optional('ip6', blocks['6']),
  };
  return done({ ...converted, ...optional('dns', result.dns) } as V020Result);
}

function pickKeys(source: object, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(source).filter(([key]) => keys.includes(key)));
}

const INTERFACE_KEYS_040 = ['name', 'mac', 'sandbox'];
const IP_KEYS_040 = ['address', 'gateway', 'interface'];
const ROUTE_KEYS_040 = ['dst', 'gw'];

/** The parts of a result that 0.4.0 and 1.x both carry. */
interface SharedResultParts {
  readonly interfaces?: readonly object[] | undefined;
  readonly routes?: readonly object[] | undefined;
  readonly dns?: unknown;
}

/**
 * Both directions between 0.4.0 and 1.x keep the same fields (those 0.4.0 knew); only `ips[].version`
 * differs, so the caller shapes `ips` and this fills in the rest, in the spec's key order.
 */
function mapSharedFields(
  result: SharedResultParts,
  toVersion: CniVersion,
  ips: readonly Record<string, unknown>[],
): Record<string, unknown> {
  return {
    cniVersion: toVersion,
    ...present(
      'interfaces',
      (result.interfaces ?? []).map((i) => pickKeys(i, INTERFACE_KEYS_040)),
    ),
    ...present('ips', ips),
    ...present(
      'routes',
      (result.routes ?? []).map((route) => pickKeys(route, ROUTE_KEYS_040)),
    ),
    ...optional('dns', result.dns),
  };
}

// 0.x → 1.x drops `ips[].version`.
function v040ToV100(result: V040Result, toVersion: CniVersion): ConversionResult {
  const ips = (result.ips ?? []).map((ip) => pickKeys(ip, IP_KEYS_040));
  return done(mapSharedFields(result, toVersion, ips) as V100Result);
}

// 1.x → 0.4 re-adds `version` from the address family and drops the 1.1-only fields.
function v100ToV040(result: V100Result, toVersion: CniVersion): ConversionResult {
  const ips = (result.ips ?? []).map((ip) => ({
    version: addressFamilyOf(ip.address),
    ...pickKeys(ip, IP_KEYS_040),
  }));
  return done(mapSharedFields(result, toVersion, ips) as V040Result);
}

// Each function takes the family named in `from`; the table is the only place that pairs them.
const typed = <T extends CniResult>(convert: (result: T, to: CniVersion) => ConversionResult) =>
  convert as Edge['convert'];

/** The conversion edges: up and down between neighbouring families, never across the pivot directly. */
export const CONVERSION_EDGES: readonly Edge[] = [
  { from: 'v020', to: 'v040', convert: typed(fromV020) },
  { from: 'v040', to: 'v020', convert: typed(toV020) },
  { from: 'v040', to: 'v100', convert: typed(v040ToV100) },
  { from: 'v100', to: 'v040', convert: typed(v100ToV040) },
];

function findEdge(from: VersionFamily, to: VersionFamily): Edge | undefined {
  return CONVERSION_EDGES.find((edge) => edge.from === from && edge.to === to);
}

function noConverter(from: string, to: string): ConversionResult {
  return {
    ok: false,
    error: { kind: 'no-converter', message: `no converter for CNI result version ${from} to ${to}` },
  };
}

/**
 * Converts a result to another version. The same version returns the input itself; the same family only
 * relabels `cniVersion`; otherwise a direct edge is used, or two edges through {@link PIVOT_VERSION}.
 */
export function convertResult(result: CniResult, toVersion: string): ConversionResult {
  const fromVersion: string = result.cniVersion;
  if (fromVersion === toVersion) return done(result);
  if (!isCniVersion(fromVersion) || !isCniVersion(toVersion)) return noConverter(fromVersion, toVersion);
  const from = familyOf(fromVersion);
  const to = familyOf(toVersion);
  if (from === to) return done({ ...result, cniVersion: toVersion } as CniResult);
  const direct = findEdge(from, to);
  if (direct) return direct.convert(result, toVersion);
  const up = findEdge(from, 'v040');
  const down = findEdge('v040', to);
  if (!up || !down) return noConverter(fromVersion, toVersion);
  const pivot = up.convert(result, PIVOT_VERSION);
  return pivot.ok ? down.convert(pivot.result, toVersion) : pivot;
}

const omitKeys = (source: object, keys: readonly string[]): Record<string, unknown> =>
  Object.fromEntries(Object.entries(source).filter(([key]) => !keys.includes(key)));

/**
 * A 1.x result with the fields only 1.1.0 defines removed: what a 1.0.0 result carries by the spec's text.
 * Go relabels within the family (so {@link convertResult} does too); a plugin that follows the text drops them.
 */
export function withoutVersion11Fields<T extends SharedResultParts>(result: T): T {
  return {
    ...result,
    ...optional(
      'interfaces',
      result.interfaces?.map((i) => omitKeys(i, V11_INTERFACE_FIELDS)),
    ),
    ...optional(
      'routes',
      result.routes?.map((route) => omitKeys(route, V11_ROUTE_FIELDS)),
    ),
  };
}
