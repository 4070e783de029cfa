import { type Level } from '../../src/spec/requirements.ts';
import type { Profile } from '../../src/target.ts';
import { type ApplicabilityOptions } from './applicability.ts';
import { type CheckContext } from './context.ts';
/** What a check declares besides its IDs and title. */
export interface CheckOptions extends ApplicabilityOptions {
  /**
   * Judge a failure at this level instead of the catalogue's (e.g. 'IMPL' for the reference-implementation part of
   * a "MUST/IMPL" requirement, such as the exact error code).
   */
  readonly level?: Level;
  /**
   * The level in the compat profile, where the reference implementation knowingly deviates from the text (e.g. error
   * JSON without cniVersion: SHOULD in strict, 'IMPL' in compat, so a warning).
   */
  readonly compatLevel?: Level;
  /**
   * Pinned upstream deviations: plugin type → why (hand-reproduced, with the plugin version). Applies only when the
   * target is a packaged upstream plugin; the failure is then reported as expected, not as a regression.
   */
  readonly upstreamDeviations?: Readonly<Record<string, string>>;
  /** vitest timeout for the whole check. @defaultValue max(30 s, 4 × per-call timeout) */
  readonly timeoutMs?: number;
}
/** The body of a check. Throw (or fail an `expect`) to fail. */
export type CheckBody = (ctx: CheckContext) => Promise<void>;
/** The level a failure is judged at, once the profile is applied. */
export declare function effectiveLevel(specLevel: Level, options: CheckOptions, profile: Profile): Level;
/** Vitest tag names for a check: its IDs and `level-<level>` (both declared in vitest.suites.config.ts). */
export declare function checkTags(ids: readonly string[], level: Level): string[];
/**
 * Declares a check.
 * @param ids - requirement ID(s) from src/spec/requirements.ts; the first is the primary one.
 * @param title - a contract sentence: "ADD fails when CNI_IFNAME already exists".
 */
export declare function check(
  ids: string | readonly string[],
  title: string,
  options: CheckOptions,
  body: CheckBody,
): void;
