/**
 * Generators of malformed requests for the ROBUST suite. Each case says whether the spec leaves the plugin a
 * choice: `mustFail` cases (not JSON, wrong types, invalid CIDRs, unsupported versions, missing or invalid
 * CNI_* values) must be rejected; the others (huge strings, deep nesting, unknown keys) may be accepted, but
 * neither may crash or hang the plugin.
 */
import fc from 'fast-check';
import type { JsonObject, PluginRole } from '../../../src/target.ts';
/** One malformed request: stdin bytes, env changes (undefined removes a variable) and what is allowed. */
export interface MalformedCase {
  readonly label: string;
  readonly stdin: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly mustFail: boolean;
}
/** Malformed stdin built around a valid request config. */
export declare function malformedStdin(config: JsonObject, role: PluginRole): fc.Arbitrary<MalformedCase>;
/** Valid stdin with a missing or invalid CNI_* variable. */
export declare function malformedEnv(config: JsonObject): fc.Arbitrary<MalformedCase>;
