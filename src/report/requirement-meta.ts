/**
 * The typed `task.meta` every check writes: the reporter (src/report) reads it to judge a failure and to render
 * transcripts and repro scripts. JSON only; it crosses the worker boundary.
 */
import type { Level } from '../spec/requirements.ts';
import type { CniVersion } from '../spec/versions.ts';
import type { Profile } from '../target.ts';
import type { TranscriptEntry } from './transcript.ts';

/** What a check declares about itself, resolved for one test (one version). */
export interface RequirementMeta {
  /** Requirement IDs the check cites, first = primary. */
  readonly ids: readonly string[];
  /** Level the failure is judged at, after the profile was applied. */
  readonly level: Level;
  /** The catalogue's (strict) level, before the profile. */
  readonly specLevel: Level;
  /** The spec version this test runs at; undefined for version-independent checks. */
  readonly version: CniVersion | undefined;
  readonly profile: Profile;
}

declare module 'vitest' {
  interface TaskMeta {
    requirement?: RequirementMeta;
    /** Every plugin call and sandbox command of the check, in order. */
    transcript?: readonly TranscriptEntry[];
    /** Wall time inside plugin processes, for the overhead ratio. */
    pluginMs?: number;
  }
}
