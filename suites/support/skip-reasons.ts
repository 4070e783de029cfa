/**
 * The fixed list of reasons a check may be inapplicable. A skipped check shows its reason in every report, so an
 * author can tell "not tested" from "not applicable".
 */

export const SKIP_REASONS = {
  'verb-not-allowed': 'the verb does not exist at this spec version',
  'not-advertised': 'the plugin does not advertise this version',
  'not-selected': 'the version is not selected (--versions)',
  'not-in-version': 'the requirement does not exist at this spec version',
  'role-mismatch': 'the check does not apply to the plugin role',
  'profile-mismatch': 'the check belongs to the other profile',
  'kernel-feature-missing': 'the kernel lacks a feature the check needs',
  'plugin-capability-missing': 'the plugin does not declare the capability or key the check needs',
  'no-version': 'no selected version satisfies the check',
  'not-observable':
    'the harness cannot observe what the check judges; the detail names the option that would',
} as const;

/** One of the fixed skip reasons. */
export type SkipReason = keyof typeof SKIP_REASONS;

/** "role-mismatch: the check does not apply to the plugin role (ipam)": the note vitest records. */
export function formatSkipNote(reason: SkipReason, detail?: string): string {
  return `${reason}: ${SKIP_REASONS[reason]}${detail ? ` (${detail})` : ''}`;
}
