import type { PluginRole } from '../../../src/target.ts';
/** The CLI's built-in default config for `type`, with `changes` applied to the entry under test. */
export declare function defaultConfig(
  type: string,
  changes?: Record<string, unknown>,
): Record<string, unknown>;
/** One upstream plugin run. */
export interface UpstreamCase {
  readonly type: string;
  readonly role: PluginRole;
  readonly config: Record<string, unknown>;
  /** Title fragments of checks pinned for this plugin that must fail as expected here. */
  readonly pinned?: readonly string[];
  readonly plugin?: string;
  readonly cniPath?: readonly string[];
  readonly files?: readonly string[];
  /** At least this many checks must run and pass (a run that skips everything proves nothing). @defaultValue 10 */
  readonly minPassed?: number;
}
/** Declares the test for one upstream plugin. */
export declare function testNoFalseAlarm(upstream: UpstreamCase): void;
