/**
 * Runs the runtime suites (suites/runtime/*.runtime.ts) through vitest's Node API and writes the same
 * JUnit/JSON/HTML reports as a plugin run (src/report), so runtime findings sit in the usual report formats.
 */
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { packageVersion } from '../package-root.ts';
import type { ReportModel, ShardInfo } from '../report/model.ts';
import { computeOverhead, countVerdicts, exitCodeOf } from '../report/model.ts';
import { CollectingReporter } from '../report/reporter.ts';
import { writeReports } from '../report/write.ts';
import { claimRunOwnership, cleanRuns } from '../sandbox/index.ts';
import { runtimeRunInfo } from './report-model.ts';
import type { RuntimeTarget } from './runtime-target.ts';

/** Where the runtime reports go. */
export interface RuntimeReportOptions {
  readonly root: string;
  readonly target: RuntimeTarget;
  readonly reportDir: string;
  /** Scenario names to run (file names without `.runtime.ts`); all when empty. */
  readonly scenarios: readonly string[];
  /** `--shard i/n`: the report is one shard's, for `merge`. */
  readonly shard?: ShardInfo | undefined;
}

/** Runs the suites and writes `runtime.junit.xml`, `runtime.json`, `runtime.html` in the report dir. */
export async function runRuntimeSuites(options: RuntimeReportOptions): Promise<ReportModel> {
  const startedAt = new Date();
  const collector = new CollectingReporter({
    root: options.root,
    profile: options.target.profile,
    failOn: 'should',
  });
  const { createVitest } = await import('vitest/node');
  const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
  const filters = options.scenarios.map((name) => `suites/runtime/${name}.runtime.ts`);
  const vitest = await createVitest(
    'test',
    {
      root: options.root,
      config: join(options.root, 'suites/runtime/vitest.config.ts'),
      watch: false,
      reporters: [collector],
      provide: { cniRuntime: options.target },
      passWithNoTests: false,
    },
    {},
    { stdout: sink, stderr: sink },
  );
  const owner = claimRunOwnership();
  try {
    await vitest.start(filters.length > 0 ? filters : undefined);
  } finally {
    await vitest.close();
    // Workers killed at close cannot remove their run directories; their owner does.
    cleanRuns({ ownedBy: owner });
  }
  const finished = new Date();
  const setupError = collector.errors[0];
  const model: ReportModel = {
    tool: { name: 'cni-conformance', version: packageVersion(options.root) },
    startedAt: startedAt.toISOString(),
    finishedAt: finished.toISOString(),
    run: runtimeRunInfo(options.target),
    ...(options.shard ? { shard: options.shard } : {}),
    ...(setupError ? { setupError } : {}),
    checks: collector.records,
    counts: countVerdicts(collector.records),
    overhead: computeOverhead(finished.getTime() - startedAt.getTime(), collector.records),
    exitCode: exitCodeOf(collector.records, setupError),
  };
  const dir = resolve(options.reportDir);
  await writeReports(model, {
    reportDir: dir,
    junitFile: join(dir, 'runtime.junit.xml'),
    jsonFile: join(dir, 'runtime.json'),
    htmlFile: join(dir, 'runtime.html'),
  });
  return model;
}
