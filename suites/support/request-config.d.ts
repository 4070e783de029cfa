/**
 * Builds the request configuration (plugin stdin) for the plugin under test, as a runtime would (notes §4.3):
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
/** Gives bridges and host-local IPAM names that no other check uses. */
export declare function makeHermetic(entry: JsonObject, names: HermeticNames): JsonObject;
/** Applies overrides: `undefined` deletes a key, anything else replaces it. */
export declare function applyOverrides(config: JsonObject, overrides?: ConfigOverrides): JsonObject;
/** `name` and `cniVersion` injected over the entry's own values (runtime rule R-REQ-1). */
export declare function buildRequestConfig(
  entry: JsonObject,
  request: {
    readonly name: string;
    readonly cniVersion: string;
  },
  overrides?: ConfigOverrides,
): JsonObject;
