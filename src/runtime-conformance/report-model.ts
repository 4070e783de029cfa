/**
 * The runtime side in the plugin side's report model (src/report/model.ts): one CheckRecord per rule and
 * scenario, titled, filed and worded as the runtime suites' tests (suites/runtime/support/judge-scenario.ts),
 * so `runtime run --json` and `runtime run --report-dir` write one JSON shape with the same verdicts.
 */
import { packageVersion } from '../package-root.ts';
import {
  type CheckRecord,
  computeOverhead,
  countVerdicts,
  exitCodeOf,
  type ReportModel,
  type RunInfo,
  type ShardInfo,
} from '../report/model.ts';
import type { Finding } from './finding.ts';
import { RUNTIME_RULES, verdictLevel } from './judge.ts';
import type { RuntimeTarget } from './runtime-target.ts';
import type { RuntimeScenario, ScenarioRun } from './scenario.ts';

/** The run summary of a runtime target. */
export function runtimeRunInfo(target: RuntimeTarget): RunInfo {
  return {
    pluginPath: target.runtimeConfig ?? target.runtime ?? 'simulated',
    pluginType: 'runtime',
    role: 'runtime',
    configSource: 'suites/runtime',
    advertisedVersions: [],
    selectedVersions: [],
    profile: target.profile,
    failOn: 'should',
    seed: 0,
    cniPath: [],
    notes: [],
  };
}

/** The failure text of a finding with violations (the suites throw it, the direct path records it). */
export function findingFailureText(finding: Finding): string {
  return [
    `${finding.id} [${finding.level}] ${finding.title}`,
    ...finding.violations.map((v) => `- ${v}`),
  ].join('\n');
}

/** The suite test name of a rule in a scenario. */
export function ruleTestName(rule: { id: string; title: string }, scenario: RuntimeScenario): string {
  return `${rule.id}: ${rule.title} [${scenario.name}]`;
}

/** One record per rule of a judged (or skipped) scenario. */
export function scenarioCheckRecords(run: ScenarioRun, target: RuntimeTarget): CheckRecord[] {
  const file = `suites/runtime/${run.scenario.name}.runtime.ts`;
  return RUNTIME_RULES.map((rule, index): CheckRecord => {
    const level = verdictLevel(rule, target.profile);
    const finding = run.skipped ? undefined : run.report.findings[index];
    const common = {
      title: ruleTestName(rule, run.scenario),
      file,
      suite: 'runtime',
      ids: [rule.id],
      level,
      specLevel: rule.level,
      version: undefined,
      durationMs: 0,
      pluginMs: 0,
      transcript: [],
    };
    if (!finding || finding.verdict === 'skip') {
      const skipReason = run.skipped ?? finding?.message;
      return { ...common, outcome: 'skipped', verdict: 'skip', ...(skipReason ? { skipReason } : {}) };
    }
    // The finding's verdict came from the one verdict function (src/report/verdict.ts) already.
    if (finding.violations.length === 0) return { ...common, outcome: 'passed', verdict: finding.verdict };
    return { ...common, outcome: 'failed', verdict: finding.verdict, failure: findingFailureText(finding) };
  });
}

/** The report model of judged scenarios. */
export function buildRuntimeReportModel(options: {
  readonly root: string;
  readonly target: RuntimeTarget;
  readonly runs: readonly ScenarioRun[];
  readonly startedAt: Date;
  readonly finishedAt: Date;
  /** `--shard i/n`: this report is one shard's, for `merge`. */
  readonly shard?: ShardInfo | undefined;
}): ReportModel {
  const checks = options.runs.flatMap((run) => scenarioCheckRecords(run, options.target));
  return {
    tool: { name: 'cni-conformance', version: packageVersion(options.root) },
    startedAt: options.startedAt.toISOString(),
    finishedAt: options.finishedAt.toISOString(),
    run: runtimeRunInfo(options.target),
    ...(options.shard ? { shard: options.shard } : {}),
    checks,
    counts: countVerdicts(checks),
    overhead: computeOverhead(options.finishedAt.getTime() - options.startedAt.getTime(), checks),
    exitCode: exitCodeOf(checks, undefined),
  };
}
