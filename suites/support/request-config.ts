/**
 * Builds the request configuration (plugin stdin) for the plugin under test, as a runtime would (SPEC.md "Deriving execution configuration from plugin configuration"):
 * the conflist entry plus `name` and `cniVersion`, made hermetic per check (own bridge name, own IPAM dataDir).
 */
import type { JsonObject } from '../../src/target.ts';

/** Shallow overrides; a key set to `undefined` is removed. */
export type ConfigOverrides = Readonly<Record<string, unknown>>;

/** What makes one check's config unique. */
export interface HermeticNames {
  /** A short token unique to the check (used in the bridge name: at most 15 bytes in total). */
  readonly token: string;
  /** Directory for host-local leases, inside the sandbox. */
  readonly ipamDataDir: string;
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

/** Gives bridges and host-local IPAM names that no other check uses. */
export function makeHermetic(entry: JsonObject, names: HermeticNames): JsonObject {
  const result = clone(entry);
  if (result.type === 'bridge' || typeof result.bridge === 'string') result.bridge = `cnb${names.token}`;
  const ipam = result.ipam;
  if (typeof ipam === 'object' && ipam !== null && (ipam as JsonObject).type === 'host-local') {
    result.ipam = { ...(ipam as JsonObject), dataDir: names.ipamDataDir };
  }
  return result;
}

/** Applies overrides: `undefined` deletes a key, anything else replaces it. */
export function applyOverrides(config: JsonObject, overrides: ConfigOverrides = {}): JsonObject {
  const result = clone(config);
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete result[key];
    else result[key] = clone(value);
  }
  return result;
}

/** `name` and `cniVersion` injected over the entry's own values (runtime rule R-REQ-1). */
export function buildRequestConfig(
  entry: JsonObject,
  request: { readonly name: string; readonly cniVersion: string },
  overrides?: ConfigOverrides,
): JsonObject {
  return applyOverrides({ ...clone(entry), name: request.name, cniVersion: request.cniVersion }, overrides);
}
