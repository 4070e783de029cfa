/**
 * Which versions a check runs at, and why the others are skipped. Pure: the same inputs give the same fan-out,
 * so the test list (and the report's requirement × version matrix) is stable for a plugin.
 */
import { type Requirement } from '../../src/spec/requirements.ts';
import { type CniVersion, type Verb } from '../../src/spec/versions.ts';
import type { ConformanceTarget, PluginRole, Profile } from '../../src/target.ts';
import { type SkipReason } from './skip-reasons.ts';
/** `latest`: the newest selected version that fits; `all-advertised`: every selected version; or a fixed list. */
export type VersionSelection = 'latest' | 'all-advertised' | 'none' | readonly CniVersion[];
/** What a check declares about where it applies. */
export interface ApplicabilityOptions {
  /** @defaultValue 'all-advertised' */
  readonly versions?: VersionSelection;
  /** Verbs the body calls; versions that do not allow one of them are skipped. @defaultValue ['ADD', 'DEL'] */
  readonly verbs?: readonly Verb[];
  /** Plugin roles the check applies to. @defaultValue every role */
  readonly roles?: readonly PluginRole[];
  /** Profiles the check runs in. @defaultValue both */
  readonly profiles?: readonly Profile[];
}
/** One test to declare: a version (or none) and, when inapplicable, the skip note. */
export interface PlannedCase {
  readonly version: CniVersion | undefined;
  readonly skip: string | undefined;
}
type Target = Pick<ConformanceTarget, 'role' | 'profile' | 'advertisedVersions' | 'selectedVersions'>;
/** The tests a check declares: one per version (or one version-less case), each runnable or skipped with a note. */
export declare function planCases(
  options: ApplicabilityOptions,
  requirements: readonly Requirement[],
  target: Target,
): PlannedCase[];
/** Narrows a list of raw strings to the versions the harness knows. */
export declare function knownVersions(raw: readonly string[]): CniVersion[];
/** Skip reason key of a planned case (for tests). */
export type { SkipReason };
