/**
 * What a plugin returns, and how skel puts it in the request's version: plugins build the spec's 1.1.0 model
 * (src/spec/v100) and the one converter (src/spec/convert.ts) gives the request's family. Type imports and the
 * converter are zod-free, so the plugin bundles stay small.
 */
import { convertResult, withoutVersion11Fields } from '../../spec/convert.ts';
import type { CniResult } from '../../spec/result.ts';
import type { V100Result } from '../../spec/v100/result.ts';
import { PLUGIN_ERROR_CODES, PluginError } from './errors.ts';

/** The 1.1.0 result a plugin builds; skel sets `cniVersion` from the request. */
export type PluginResult = Pick<V100Result, 'interfaces' | 'ips' | 'routes' | 'dns'>;

type Json = Record<string, unknown>;

const isEmpty = (value: unknown) =>
  value === undefined ||
  (Array.isArray(value) && value.length === 0) ||
  (typeof value === 'object' && value !== null && Object.keys(value).length === 0);

// Go's omitempty: no empty lists or DNS block on the wire.
const withoutEmpty = (value: Json): Json =>
  Object.fromEntries(Object.entries(value).filter(([, item]) => !isEmpty(item)));

/**
 * The result in `version`'s wire format; throws code 1 when the version cannot express it (0.1.0/0.2.0 need an
 * address). A 1.0.0 result leaves out what only 1.1.0 defines, as the spec's text says.
 */
export function formatResult(result: PluginResult, version: string): Json {
  const converted = convertResult({ ...withoutEmpty(result), cniVersion: '1.1.0' } as V100Result, version);
  if (!converted.ok)
    throw new PluginError(PLUGIN_ERROR_CODES.INCOMPATIBLE_VERSION, converted.error.message, version);
  return version === '1.0.0' ? withoutVersion11Fields(converted.result as V100Result) : converted.result;
}

// A prevResult names its version; one that does not is read by its shape (ip4/ip6 only exist before 0.3.0).
function versionOf(raw: Json): string {
  if (typeof raw.cniVersion === 'string') return raw.cniVersion;
  return 'ip4' in raw || 'ip6' in raw ? '0.2.0' : '1.1.0';
}

/** Reads a prevResult of any family into the 1.1.0 model; undefined when it is none or cannot be converted. */
export function parsePrevResult(raw: unknown): PluginResult | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const json = raw as Json;
  const converted = convertResult({ ...json, cniVersion: versionOf(json) } as CniResult, '1.1.0');
  if (!converted.ok) return undefined;
  const { cniVersion: _cniVersion, ...result } = converted.result as V100Result;
  return result;
}
