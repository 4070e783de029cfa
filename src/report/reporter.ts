/**
 * A vitest Reporter (the interface, not BaseReporter) that turns finished tests into CheckRecords of the report
 * model. It reads only the public reported-task API: result(), meta(), tags, fullName.
 */
import { relative } from 'node:path';
import type { Reporter, TestCase, TestModule } from 'vitest/node';
import { isHarnessError } from '../errors.ts';
import { findKnownBug, type KnownBugNote, type KnownBugScope, knownBugNote } from '../spec/known-bugs.ts';
import { cleanFailure } from './failure-text.ts';
import type { CheckRecord, Outcome } from './model.ts';
import type { RequirementMeta } from './requirement-meta.ts';
import { judge } from './verdict.ts';

/** What the verdict rules need from the run. */
export interface CollectorOptions {
  readonly root: string;
  readonly profile: 'compat' | 'strict';
  readonly failOn: 'should' | 'must';
  /** The plugin build and config under test, and `--accept-known`: failures that are pinned upstream bugs. */
  readonly knownBugs?: { readonly scope: KnownBugScope; readonly accept: boolean };
  /** Called as each check finishes (live progress). */
  readonly onCheck?: (record: CheckRecord) => void;
  /** Called as each suite file is collected, with how many of its tests the filters selected. */
  readonly onPlanned?: (count: number) => void;
  /** Called once the run starts, with how many suite files it will run. */
  readonly onFiles?: (count: number) => void;
}

/** Errors vitest serialises: message, stack and the error's own fields (our HarnessError code survives). */
interface SerializedFailure {
  readonly message: string;
  readonly [key: string]: unknown;
}

function outcomeOf(testCase: TestCase): Outcome {
  const state = testCase.result().state;
  return state === 'passed' ? 'passed' : state === 'failed' ? 'failed' : 'skipped';
}

function failureText(errors: readonly SerializedFailure[]): string | undefined {
  if (errors.length === 0) return undefined;
  return errors.map((error) => cleanFailure(error.message)).join('\n');
}

/** The pinned upstream bug a plugin failure is, if any. */
function knownBugOf(
  testCase: TestCase,
  requirement: RequirementMeta | undefined,
  failure: string,
  options: CollectorOptions,
): KnownBugNote | undefined {
  if (!options.knownBugs || !requirement) return undefined;
  const signature = { title: testCase.name, ids: requirement.ids, version: requirement.version };
  const bug = findKnownBug(options.knownBugs.scope, signature, failure);
  return bug ? knownBugNote(bug, options.knownBugs.accept) : undefined;
}

/** Builds one record from a finished test. */
export function buildCheckRecord(testCase: TestCase, options: CollectorOptions): CheckRecord {
  const meta = testCase.meta();
  const requirement: RequirementMeta | undefined = meta.requirement;
  const result = testCase.result();
  const errors: readonly SerializedFailure[] = result.state === 'failed' ? result.errors : [];
  const outcome = outcomeOf(testCase);
  const level = requirement?.level ?? 'MUST';
  const file = relative(options.root, testCase.module.moduleId);
  const failure = failureText(errors);
  const skipReason = result.state === 'skipped' ? result.note : undefined;
  const harnessError = errors.some(isHarnessError);
  const knownBug =
    failure !== undefined && !harnessError ? knownBugOf(testCase, requirement, failure, options) : undefined;
  return {
    title: testCase.fullName.replace(/^.*? > /, '') || testCase.name,
    file,
    suite: file.replace(/^suites\//, '').replace(/\/[^/]*$/, ''),
    ids: requirement?.ids ?? [],
    level,
    specLevel: requirement?.specLevel ?? level,
    version: requirement?.version,
    outcome,
    verdict: judge({
      outcome,
      level,
      profile: options.profile,
      failOn: options.failOn,
      acceptedKnownBug: knownBug?.accepted === true,
      harnessError,
    }),
    ...(skipReason ? { skipReason } : {}),
    ...(failure ? { failure } : {}),
    ...(knownBug ? { knownBug } : {}),
    durationMs: testCase.diagnostic()?.duration ?? 0,
    pluginMs: meta.pluginMs ?? 0,
    transcript: meta.transcript ?? [],
  };
}

/** Collects records; the CLI reads `records` and `errors` after the run. */
export class CollectingReporter implements Reporter {
  readonly records: CheckRecord[] = [];
  /** Errors outside tests (a suite file that does not load, unhandled rejections). */
  readonly errors: string[] = [];
  /** Tests --only/--skip left out (name and tags): what a "did you mean" can suggest. */
  readonly unselected: { readonly name: string; readonly tags: readonly string[] }[] = [];
  readonly #options: CollectorOptions;

  constructor(options: CollectorOptions) {
    this.#options = options;
  }

  onTestCaseResult(testCase: TestCase): void {
    // Tests left out by --only/--skip never start, so they carry no requirement meta: not part of this run.
    if (testCase.result().state === 'skipped' && !testCase.meta().requirement) {
      this.unselected.push({ name: testCase.name, tags: testCase.tags });
      return;
    }
    const record = buildCheckRecord(testCase, this.#options);
    this.records.push(record);
    this.#options.onCheck?.(record);
  }

  onTestRunStart(specifications: ReadonlyArray<unknown>): void {
    this.#options.onFiles?.(specifications.length);
  }

  onTestModuleCollected(testModule: TestModule): void {
    let selected = 0;
    for (const test of testModule.children.allTests()) if (test.options.mode !== 'skip') selected += 1;
    this.#options.onPlanned?.(selected);
  }

  onTestModuleEnd(testModule: TestModule): void {
    for (const error of testModule.errors()) {
      this.errors.push(`${relative(this.#options.root, testModule.moduleId)}: ${error.message}`);
    }
  }

  onTestRunEnd(_modules: ReadonlyArray<TestModule>, unhandled: ReadonlyArray<{ message: string }>): void {
    for (const error of unhandled) this.errors.push(`unhandled: ${error.message}`);
  }
}
