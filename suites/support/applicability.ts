/**
 * Which versions a check runs at, and why the others are skipped. Pure: the same inputs give the same fan-out,
 * so the test list (and the report's requirement × version matrix) is stable for a plugin.
 */
import { type Requirement, requirementAppliesAt } from '../../src/spec/requirements.ts';
import {
  type CniVersion,
  compareVersions,
  isCniVersion,
  type Verb,
  verbAllowed,
} from '../../src/spec/versions.ts';
import type { ConformanceTarget, PluginRole, Profile } from '../../src/target.ts';
import { formatSkipNote, type SkipReason } from './skip-reasons.ts';

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

function versionSkip(
  version: CniVersion,
  verbs: readonly Verb[],
  requirements: readonly Requirement[],
  target: Target,
): string | undefined {
  const verb = verbs.find((v) => !verbAllowed(v, version));
  if (verb) return formatSkipNote('verb-not-allowed', `${verb} needs a newer version than ${version}`);
  const missing = requirements.find((r) => !requirementAppliesAt(r, version));
  if (missing) return formatSkipNote('not-in-version', `${missing.id} applies from ${missing.since}`);
  // An empty list means the VERSION probe failed: the P-VCMD checks report that; do not skip everything else.
  const advertised = target.advertisedVersions;
  if (advertised.length > 0 && !advertised.includes(version))
    return formatSkipNote('not-advertised', version);
  if (!target.selectedVersions.includes(version)) return formatSkipNote('not-selected', version);
  return undefined;
}

function wholeCheckSkip(options: ApplicabilityOptions, target: Target): string | undefined {
  if (options.roles && !options.roles.includes(target.role)) {
    return formatSkipNote(
      'role-mismatch',
      `plugin is ${target.role}, check is for ${options.roles.join('|')}`,
    );
  }
  if (options.profiles && !options.profiles.includes(target.profile)) {
    return formatSkipNote('profile-mismatch', `run is ${target.profile}`);
  }
  return undefined;
}

function candidateVersions(selection: VersionSelection, target: Target): CniVersion[] {
  if (Array.isArray(selection)) return [...selection];
  return [...target.selectedVersions].sort(compareVersions);
}

/** The tests a check declares: one per version (or one version-less case), each runnable or skipped with a note. */
export function planCases(
  options: ApplicabilityOptions,
  requirements: readonly Requirement[],
  target: Target,
): PlannedCase[] {
  const selection = options.versions ?? 'all-advertised';
  const whole = wholeCheckSkip(options, target);
  if (selection === 'none') return [{ version: undefined, skip: whole }];
  const verbs = options.verbs ?? ['ADD', 'DEL'];
  const cases = candidateVersions(selection, target).map((version) => ({
    version,
    skip: whole ?? versionSkip(version, verbs, requirements, target),
  }));
  if (selection !== 'latest') return cases.length > 0 ? cases : [noVersion(whole)];
  const runnable = cases.filter((c) => c.skip === undefined);
  return [runnable.at(-1) ?? noVersion(whole)];
}

function noVersion(whole: string | undefined): PlannedCase {
  return { version: undefined, skip: whole ?? formatSkipNote('no-version') };
}

/** Narrows a list of raw strings to the versions the harness knows. */
export function knownVersions(raw: readonly string[]): CniVersion[] {
  return raw.filter(isCniVersion);
}

/** Skip reason key of a planned case (for tests). */
export type { SkipReason };
