/**
 * Runs chosen plugin-suite files against a target through vitest's Node API (the engine the CLI uses,
 * src/cli/engine.ts), restricted to those files so a proof costs seconds, not a whole suite collection.
 * Returns each test's outcome as the suites recorded it (title, requirement meta, errors).
 */
import { Writable } from 'node:stream';
import type { Reporter, TestCase } from 'vitest/node';
import { createVitest } from 'vitest/node';
import { findKnownBug, type KnownBugScope, knownBugScope } from '../../../src/spec/known-bugs.ts';
import { buildTarget, type TargetOptions } from './target.ts';

/** One check at one version, as vitest reported it. */
export interface SuiteOutcome {
  readonly title: string;
  readonly ids: readonly string[];
  readonly state: 'passed' | 'failed' | 'skipped' | 'pending';
  readonly level: string | undefined;
  /** The pinned upstream bug (src/spec/known-bugs.ts) this failure is, for this plugin build and config. */
  readonly knownBug: string | undefined;
  readonly note: string | undefined;
  readonly errors: readonly string[];
}

const ROOT = new URL('../../..', import.meta.url).pathname;

function knownBugOf(testCase: TestCase, scope: KnownBugScope, messages: readonly string[]) {
  const requirement = testCase.meta().requirement;
  if (!requirement || messages.length === 0) return undefined;
  const signature = { title: testCase.name, ids: requirement.ids, version: requirement.version };
  return findKnownBug(scope, signature, messages.join('\n'))?.id;
}

function collector(outcomes: SuiteOutcome[], scope: KnownBugScope): Reporter {
  return {
    onTestCaseResult(testCase: TestCase) {
      const result = testCase.result();
      const requirement = testCase.meta().requirement;
      const errors = result.state === 'failed' ? (result.errors ?? []).map((e) => e.message) : [];
      outcomes.push({
        title: testCase.name,
        ids: requirement?.ids ?? [],
        state: result.state,
        level: requirement?.level,
        knownBug: knownBugOf(testCase, scope, errors),
        note: result.state === 'skipped' ? result.note : undefined,
        errors,
      });
    },
  };
}

function sink(): Writable {
  return new Writable({ write: (_chunk, _encoding, done) => done() });
}

/** Runs `files` (paths relative to the package root, e.g. "suites/plugin/add") against the target. */
export async function runSuiteFiles(
  files: readonly string[],
  options: TargetOptions,
): Promise<SuiteOutcome[]> {
  const outcomes: SuiteOutcome[] = [];
  const target = await buildTarget(options);
  const scope = knownBugScope(target);
  const vitest = await createVitest(
    'test',
    {
      root: ROOT,
      config: `${ROOT}/vitest.suites.config.ts`,
      watch: false,
      reporters: [collector(outcomes, scope)],
      provide: { cniTarget: target },
      maxWorkers: 1,
      passWithNoTests: true,
      ...(options.testNamePattern ? { testNamePattern: options.testNamePattern } : {}),
    },
    {},
    { stdout: sink(), stderr: sink() },
  );
  try {
    await vitest.start([...files]);
  } finally {
    await vitest.close();
  }
  return outcomes;
}

/** "title: state (first error)" lines, for assertion messages. */
export function summarize(outcomes: readonly SuiteOutcome[]): string {
  return outcomes
    .map(
      (o) =>
        `${o.title}: ${o.state}${o.errors[0] ? ` (${o.errors[0].slice(0, 200)})` : ''}${o.note ? ` [${o.note}]` : ''}`,
    )
    .join('\n');
}
