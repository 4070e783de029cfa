/**
 * Judge findings: one per (requirement, aspect) judged over a log. Model first, text second (style guide §5.3).
 */

/** Normative level of a runtime requirement as the catalogue levels it (docs/requirements.md). */
export type RuntimeLevel = 'MUST' | 'SHOULD' | 'MAY' | 'IMPL';

/** strict: the spec's text only. compat: what libcni does is accepted (reported as a warning). */
export type RuntimeProfile = 'strict' | 'compat';

/**
 * pass: exercised and held. fail: a MUST/SHOULD broken. warn: broken but accepted by the profile.
 * info: a MAY/IMPL observation. skip: not exercised by this log (the message says why).
 */
export type Verdict = 'pass' | 'fail' | 'warn' | 'info' | 'skip';

/** One judged requirement aspect. */
export interface Finding {
  /** Requirement ID of the catalogue, docs/requirements.md ("R-DEL-1"). */
  readonly id: string;
  readonly level: RuntimeLevel;
  /** What was judged, as a sentence ("DEL runs the plugins in reverse list order"). */
  readonly title: string;
  readonly verdict: Verdict;
  /** Why: the skip reason, or the first violations. */
  readonly message: string;
  /** Every violation found, one line each. */
  readonly violations: readonly string[];
}

/** What a rule reports: the violations it saw and how many cases it examined (0: not exercised). */
export interface RuleOutcome {
  readonly checked: number;
  readonly violations: readonly string[];
  /** A reason the rule cannot be judged from this log at all. */
  readonly skip?: string;
}
