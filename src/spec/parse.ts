/**
 * Parsers for every CNI document: unknown input (or JSON text) in, ParseResult out, never a throw.
 * Each runs the zod model, then the semantic rules JSON Schema cannot state (noted per parser).
 */
import type { z } from 'zod';
import type { ParseIssue, ParseResult } from '../errors.ts';
import type { RuntimeConfig } from './capabilities.ts';
import type { LegacyNetworkConfig, NetworkConfigList, PluginConfig } from './config.ts';
import { DOCUMENT_SCHEMAS } from './documents.ts';
import type { WireError } from './error.ts';
import { formatReceived, toParseIssues } from './issues.ts';
import type { GcAttachment, RequestConfig } from './request.ts';
import { type CniIpamResult, type CniResult, ipamResultSchemaFor, resultSchemaFor } from './result.ts';
import type { VersionResult } from './version-result.ts';
import { CNI_VERSIONS, type CniVersion, isCniVersion } from './versions.ts';

/** Parses JSON text; other values pass through unchanged (already-decoded input). */
export function parseJson(raw: unknown): ParseResult<unknown> {
  if (typeof raw !== 'string') return { ok: true, value: raw };
  try {
    return { ok: true, value: JSON.parse(raw) as unknown };
  } catch (error) {
    return { ok: false, issues: [{ path: '', reason: `invalid JSON: ${(error as Error).message}` }] };
  }
}

/** Runs a zod schema over raw input (JSON text or a decoded value); the base of every parser here. */
export function parseWith<T>(schema: z.ZodType<T>, raw: unknown, basePath = ''): ParseResult<T> {
  const json = parseJson(raw);
  if (!json.ok) return json;
  // jitless: zod otherwise compiles each object schema's parser with `new Function` on its first parse, which
  // costs ~0.2 ms per schema (Bun's bytecode cannot cover generated code) and repays only over many parses of the
  // same schema; a plugin call or `exec` parses each document once or twice. Same output and issues either way.
  const parsed = schema.safeParse(json.value, { reportInput: true, jitless: true });
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, issues: toParseIssues(parsed.error.issues, basePath) };
}

function unsupportedVersion(version: string): ParseResult<never> {
  const reason = `unknown CNI version ${JSON.stringify(version)} (known: ${CNI_VERSIONS.join(', ')})`;
  return { ok: false, issues: [{ path: '', reason }] };
}

/** P-VER-1: the result's `cniVersion` must be the request's. */
export function checkResultVersion(actual: unknown, expected: string): ParseIssue[] {
  if (actual === expected) return [];
  return [
    {
      path: '/cniVersion',
      reason: `must equal the request version "${expected}" (got ${formatReceived(actual)})`,
    },
  ];
}

function parseVersionedResult<T extends { cniVersion: string }>(
  schema: z.ZodType<T>,
  version: string,
  raw: unknown,
): ParseResult<T> {
  const parsed = parseWith(schema, raw);
  if (!parsed.ok) return parsed;
  const issues = checkResultVersion(parsed.value.cniVersion, version);
  return issues.length > 0 ? { ok: false, issues } : parsed;
}

/** An ADD result at `version` (the request's): shape of its family, and `cniVersion` equal to it. */
export function parseResult(version: string, raw: unknown): ParseResult<CniResult> {
  if (!isCniVersion(version)) return unsupportedVersion(version);
  return parseVersionedResult(resultSchemaFor(version), version, raw);
}

/** An abbreviated IPAM result at `version` (P-RES-5). */
export function parseIpamResult(version: string, raw: unknown): ParseResult<CniIpamResult> {
  if (!isCniVersion(version)) return unsupportedVersion(version);
  return parseVersionedResult(ipamResultSchemaFor(version), version, raw);
}

/**
 * A network configuration list. Beyond the schema: `loadOnlyInlinedPlugins: true` needs `plugins` (R-CFG-4).
 */
export function parseNetworkConfigList(raw: unknown): ParseResult<NetworkConfigList> {
  const parsed = parseWith(DOCUMENT_SCHEMAS.conflist, raw);
  if (!parsed.ok || !parsed.value.loadOnlyInlinedPlugins || parsed.value.plugins) return parsed;
  const reason = 'is true but the list has no "plugins" (R-CFG-4)';
  return { ok: false, issues: [{ path: '/loadOnlyInlinedPlugins', reason }] };
}

/** A legacy single-plugin `.conf`. */
export function parseLegacyNetworkConfig(raw: unknown): ParseResult<LegacyNetworkConfig> {
  return parseWith(DOCUMENT_SCHEMAS.conf, raw);
}

/** A plugin configuration object (one entry of `plugins`). */
export function parsePluginConfig(raw: unknown): ParseResult<PluginConfig> {
  return parseWith(DOCUMENT_SCHEMAS['plugin-config'], raw);
}

function prevResultVersion(config: RequestConfig): CniVersion | undefined {
  const version = config.cniVersion ?? '0.1.0';
  return isCniVersion(version) ? version : undefined;
}

/**
 * A request configuration (plugin stdin). Beyond the schema: a `prevResult` must have the result shape of
 * the request's version family (its issues are reported under "/prevResult"); a missing
 * `prevResult.cniVersion` means the request's (P-CHAIN-3). Unknown request versions skip that check.
 */
export function parseRequestConfig(raw: unknown): ParseResult<RequestConfig> {
  const parsed = parseWith(DOCUMENT_SCHEMAS['request-config'], raw);
  if (!parsed.ok || parsed.value.prevResult === undefined) return parsed;
  const version = prevResultVersion(parsed.value);
  if (!version) return parsed;
  const prevResult = { cniVersion: version, ...parsed.value.prevResult };
  const checked = parseWith(resultSchemaFor(version), prevResult, '/prevResult');
  return checked.ok ? parsed : checked;
}

/** `runtimeConfig` alone. */
export function parseRuntimeConfig(raw: unknown): ParseResult<RuntimeConfig> {
  return parseWith(DOCUMENT_SCHEMAS['runtime-config'], raw);
}

/** A plugin's error object (stdout on failure). */
export function parseWireError(raw: unknown): ParseResult<WireError> {
  return parseWith(DOCUMENT_SCHEMAS.error, raw);
}

/** A VERSION result. */
export function parseVersionResult(raw: unknown): ParseResult<VersionResult> {
  return parseWith(DOCUMENT_SCHEMAS['version-result'], raw);
}

/** One GC attachment. */
export function parseGcAttachment(raw: unknown): ParseResult<GcAttachment> {
  return parseWith(DOCUMENT_SCHEMAS['gc-attachment'], raw);
}
