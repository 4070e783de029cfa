/**
 * The main command: resolve the target, check prerequisites, run the suites through vitest, write the reports.
 * A report is written even when setup fails. Returns the exit code (0 pass, 1 a check failed, 2 setup/usage).
 */
import pc from 'picocolors';
import { HarnessError } from '../errors.ts';
import { packageVersion } from '../package-root.ts';
import type { CheckRecord } from '../report/model.ts';
import {
  computeOverhead,
  countVerdicts,
  exitCodeOf,
  nothingJudged,
  type ReportModel,
  type RunInfo,
  type ShardInfo,
} from '../report/model.ts';
import { CollectingReporter } from '../report/reporter.ts';
import { Progress } from '../report/terminal/progress.ts';
import { renderSummary } from '../report/terminal/summary.ts';
import { renderTimings } from '../report/terminal/timings.ts';
import { reportsWriteProblem } from '../report/writable.ts';
import { assignReproScripts, writeReports } from '../report/write.ts';
import { checkPrerequisites, claimRunOwnership, cleanRuns } from '../sandbox/index.ts';
import { knownBugScope, unreproducedBugs } from '../spec/known-bugs.ts';
import type { ConformanceTarget } from '../target.ts';
import { buildTarget } from './build-target.ts';
import { assertSelectedSomething } from './empty-selection.ts';
import { runSuites } from './engine.ts';
import { EXIT_SETUP, errorMessage } from './exit-codes.ts';
import { NotAPluginWatch } from './not-a-plugin.ts';
import type { ResolvedRunOptions } from './options.ts';
import { loadDurations, plannedUnits, planShards, shardInfo } from './shard-plan.ts';

/** Where the command writes. */
export interface CommandIo {
  readonly stdout: { write(text: string): void; readonly isTTY: boolean };
  readonly stderr: { write(text: string): void };
}

function runInfo(target: ConformanceTarget, notes: readonly string[]): RunInfo {
  return {
    pluginPath: target.pluginPath,
    pluginType: target.pluginType,
    role: target.role,
    configSource: target.configSource,
    advertisedVersions: target.advertisedVersions,
    selectedVersions: target.selectedVersions,
    profile: target.profile,
    failOn: target.failOn,
    seed: target.seed,
    cniPath: target.cniPath,
    notes,
  };
}

interface ModelParts {
  readonly root: string;
  readonly startedAt: Date;
  readonly run: RunInfo | undefined;
  readonly shard?: ShardInfo;
  readonly checks: readonly CheckRecord[];
  readonly unreproducedKnownBugs: readonly string[];
  readonly setupError?: string;
  /** The run stopped on a verdict about the whole binary ("not a CNI plugin"): exit 1, not a set-up error. */
  readonly stoppedOnVerdict?: boolean;
}

function buildModel(parts: ModelParts): ReportModel {
  const finished = new Date();
  return {
    tool: { name: 'cni-conformance', version: packageVersion(parts.root) },
    startedAt: parts.startedAt.toISOString(),
    finishedAt: finished.toISOString(),
    run: parts.run,
    ...(parts.shard ? { shard: parts.shard } : {}),
    ...(parts.setupError ? { setupError: parts.setupError } : {}),
    checks: parts.checks,
    ...(parts.unreproducedKnownBugs.length > 0 ? { unreproducedKnownBugs: parts.unreproducedKnownBugs } : {}),
    counts: countVerdicts(parts.checks),
    overhead: computeOverhead(finished.getTime() - parts.startedAt.getTime(), parts.checks),
    exitCode: parts.stoppedOnVerdict ? 1 : exitCodeOf(parts.checks, parts.setupError),
  };
}

async function assertPrerequisites(): Promise<void> {
  const problems = await checkPrerequisites();
  const first = problems[0];
  if (first) {
    const more =
      problems.length > 1
        ? ` (+${problems.length - 1} more: ${problems
            .slice(1)
            .map((p) => p.subject)
            .join(', ')})`
        : '';
    throw new HarnessError('CNI_CONFORMANCE_PREREQUISITE_MISSING', `${first.message}${more}`);
  }
}

/** With `--shard`: the target narrowed to this shard's units, and the identity its report records. */
function shardTarget(target: ConformanceTarget, options: ResolvedRunOptions, root: string) {
  if (!options.shard) return { target, shard: undefined };
  const durations = options.durationsFile ? loadDurations(options.durationsFile) : undefined;
  const units = plannedUnits(target.selectedVersions, options);
  const plan = planShards(options.shard, units, durations);
  const shard = shardInfo(options.shard, packageVersion(root), target, options, durations);
  return { target: { ...target, shard: plan }, shard };
}

/** Runs the conformance suites against one plugin. */
export async function runConformance(
  pluginArg: string | undefined,
  options: ResolvedRunOptions,
  io: CommandIo,
  root: string,
): Promise<number> {
  const unwritable = reportsWriteProblem(options);
  if (unwritable) {
    io.stderr.write(`cni-conformance: ${unwritable}\n`);
    return EXIT_SETUP;
  }
  const startedAt = new Date();
  let run: RunInfo | undefined;
  let checks: CheckRecord[] = [];
  let setupError: string | undefined;
  let unreproduced: string[] = [];
  let stoppedOnVerdict = false;
  // Known before the target is: a shard that fails to set up still says which shard it is (runId unknown).
  let shard: ShardInfo | undefined = options.shard ? { ...options.shard, runId: '' } : undefined;
  try {
    await assertPrerequisites();
    const built = await buildTarget(pluginArg, options, root);
    const sharded = shardTarget(built.target, options, root);
    shard = sharded.shard;
    run = runInfo(built.target, built.notes);
    for (const note of built.notes) io.stdout.write(`${pc.yellow('note:')} ${note}\n`);
    io.stdout.write(
      `${pc.bold('cni-conformance')} ${built.target.pluginPath} (${built.target.role}, ${built.target.configSource}) versions ${built.target.selectedVersions.join(', ')}, profile ${built.target.profile}\n`,
    );
    const progress = new Progress(io.stdout);
    const scope = knownBugScope(built.target);
    const watch = new NotAPluginWatch(built.target.pluginPath, built.versionFailure);
    const stop = new AbortController();
    const collector = new CollectingReporter({
      root,
      profile: options.profile,
      failOn: options.failOn,
      knownBugs: { scope, accept: options.acceptKnown },
      onPlanned: (count) => progress.onPlanned(count),
      onFiles: (count) => progress.onFiles(count),
      onCheck: (r) => {
        progress.onCheck(r);
        if (watch.onCheck(r)) stop.abort();
      },
    });
    const owner = claimRunOwnership();
    try {
      await runSuites({
        root,
        target: sharded.target,
        reporters: [collector],
        only: options.only,
        skip: options.skip,
        parallel: options.parallel,
        signal: stop.signal,
      });
    } finally {
      // The workers are gone; what they could not remove (killed at close) goes now.
      cleanRuns({ ownedBy: owner });
    }
    progress.finish();
    if (watch.verdict) {
      stoppedOnVerdict = true;
      throw new Error(watch.verdict);
    }
    // A shard may hold no check, or only skips, of a sound selection: `merge` judges the whole run instead.
    if (!shard) assertSelectedSomething(collector.records.length, options, collector.unselected);
    if (collector.errors.length > 0) setupError = `suite error: ${collector.errors[0]}`;
    checks = assignReproScripts(collector.records);
    const unjudged = shard ? undefined : nothingJudged(checks);
    if (unjudged) setupError = unjudged;
    unreproduced = unreproducedBugs(
      scope,
      checks.filter((c) => c.outcome === 'passed'),
      new Set(checks.flatMap((c) => (c.knownBug ? [c.knownBug.id] : []))),
    ).map((b) => b.id);
  } catch (error) {
    // Whatever stopped the run (a HarnessError, or vitest failing to start) becomes the report's one-line cause.
    setupError = errorMessage(error);
  }
  const model = buildModel({
    root,
    startedAt,
    run,
    ...(shard ? { shard } : {}),
    checks,
    unreproducedKnownBugs: unreproduced,
    stoppedOnVerdict,
    ...(setupError ? { setupError } : {}),
  });
  await writeReports(model, options);
  if (setupError) io.stderr.write(`cni-conformance: ${setupError}\n`);
  else io.stdout.write(renderSummary(model, [options.junitFile, options.jsonFile, options.htmlFile]));
  if (options.timings && !setupError) io.stdout.write(renderTimings(model.checks));
  return model.exitCode;
}
