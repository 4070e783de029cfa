/**
 * Runs chosen plugin-suite files against a target through vitest's Node API (the engine the CLI uses,
 * src/cli/engine.ts), restricted to those files so a proof costs seconds, not a whole suite collection.
 * Returns each test's outcome as the suites recorded it (title, requirement meta, errors).
 */
import { Writable } from 'node:stream';
import type { Reporter, TestCase } from 'vitest/node';
import { createVitest } from 'vitest/node';
import { buildTarget, type TargetOptions } from './target.ts';

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

const ROOT = new URL('../../..', import.meta.url).pathname;

function collector(outcomes: SuiteOutcome[]): Reporter {
  return {
    onTestCaseResult(testCase: TestCase) {
      const result = testCase.result();
      const requirement = testCase.meta().requirement;
      outcomes.push({
        title: testCase.name,
        ids: requirement?.ids ?? [],
        state: result.state,
        level: requirement?.level,
        expectedFailure: requirement?.expectedFailure,
        note: result.state === 'skipped' ? result.note : undefined,
        errors: result.state === 'failed' ? (result.errors ?? []).map((e) => e.message) : [],
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
  const vitest = await createVitest(
    'test',
    {
      root: ROOT,
      config: `${ROOT}/vitest.suites.config.ts`,
      watch: false,
      reporters: [collector(outcomes)],
      provide: { cniTarget: await buildTarget(options) },
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
