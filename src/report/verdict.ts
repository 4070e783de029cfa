/**
 * The verdict rules: how (outcome, level, profile, --fail-on) becomes pass/fail/warn/info. Checks only throw;
 * this is the one place that decides what a failure means.
 */
import type { Level } from '../spec/requirements.ts';
import type { Outcome, Verdict } from './model.ts';

/** Everything the verdict depends on. */
export interface VerdictInput {
  readonly outcome: Outcome;
  readonly level: Level;
  readonly profile: 'compat' | 'strict';
  readonly failOn: 'should' | 'must';
  /** The failure is a known upstream bug of this build and `--accept-known` was given: a warning. */
  readonly acceptedKnownBug?: boolean;
  /** The failure was the harness's (HarnessError: sandbox, prerequisites), not the plugin's. */
  readonly harnessError?: boolean;
}

function failureVerdict(level: Level, input: VerdictInput): Verdict {
  switch (level) {
    case 'MUST':
      return 'fail';
    case 'SHOULD':
      // SHOULDs are what runtimes depend on (DEL tolerance, error JSON); --fail-on must makes them warnings.
      return input.failOn === 'must' ? 'warn' : 'fail';
    case 'MAY':
    case 'INFO':
      return 'info';
    case 'IMPL':
      // Reference-implementation behaviour: a warning when compatibility with it is asked for, never a strict failure.
      return input.profile === 'compat' ? 'warn' : 'info';
  }
}

/** The verdict of one test. */
export function judge(input: VerdictInput): Verdict {
  if (input.outcome === 'skipped') return 'skip';
  if (input.outcome === 'passed') return 'pass';
  if (input.harnessError) return 'error';
  const verdict = failureVerdict(input.level, input);
  return input.acceptedKnownBug && verdict === 'fail' ? 'warn' : verdict;
}
