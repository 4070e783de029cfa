/**
 * The fixed list of reasons a check may be inapplicable. A skipped check shows its reason in every report, so an
 * author can tell "not tested" from "not applicable".
 */
export declare const SKIP_REASONS: {
  readonly 'verb-not-allowed': 'the verb does not exist at this spec version';
  readonly 'not-advertised': 'the plugin does not advertise this version';
  readonly 'not-selected': 'the version is not selected (--versions)';
  readonly 'not-in-version': 'the requirement does not exist at this spec version';
  readonly 'role-mismatch': 'the check does not apply to the plugin role';
  readonly 'profile-mismatch': 'the check belongs to the other profile';
  readonly 'kernel-feature-missing': 'the kernel lacks a feature the check needs';
  readonly 'plugin-capability-missing': 'the plugin does not declare the capability or key the check needs';
  readonly 'no-version': 'no selected version satisfies the check';
};
/** One of the fixed skip reasons. */
export type SkipReason = keyof typeof SKIP_REASONS;
/** "role-mismatch: the check does not apply to the plugin role (ipam)": the note vitest records. */
export declare function formatSkipNote(reason: SkipReason, detail?: string): string;
