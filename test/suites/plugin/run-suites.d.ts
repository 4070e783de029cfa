import { type TargetOptions } from './target.ts';
/** One check at one version, as vitest reported it. */
export interface SuiteOutcome {
  readonly title: string;
  readonly ids: readonly string[];
  readonly state: 'passed' | 'failed' | 'skipped' | 'pending';
  readonly level: string | undefined;
  readonly expectedFailure: string | undefined;
  readonly note: string | undefined;
  readonly errors: readonly string[];
}
/** Runs `files` (paths relative to the package root, e.g. "suites/plugin/add") against the target. */
export declare function runSuiteFiles(
  files: readonly string[],
  options: TargetOptions,
): Promise<SuiteOutcome[]>;
