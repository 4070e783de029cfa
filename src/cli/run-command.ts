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
  type ReportModel,
  type RunInfo,
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

/** Skip kinds that only say a check does not apply here, not why the plugin could not be judged. */
const STRUCTURAL_SKIPS = ['role-mismatch', 'not-advertised', 'no-version'];

/**
 * A run in which every selected check skipped judged nothing: exit 2 with the main reason, never a pass (a
 * plugin whose kernel feature is missing, say, must not turn CI green).
 */
export function nothingJudged(checks: readonly CheckRecord[]): string | undefined {
  if (checks.length === 0 || checks.some((c) => c.verdict !== 'skip')) return undefined;
  const reasons = new Map<string, number>();
  for (const { skipReason = 'no reason given' } of checks)
    reasons.set(skipReason, (reasons.get(skipReason) ?? 0) + 1);
  const ranked = [...reasons].sort(
    ([a, countA], [b, countB]) =>
      Number(STRUCTURAL_SKIPS.some((k) => a.startsWith(k))) -
        Number(STRUCTURAL_SKIPS.some((k) => b.startsWith(k))) || countB - countA,
  );
  const [reason, count] = ranked[0] ?? ['no reason given', 0];
  return `nothing judged: all ${checks.length} selected checks skipped; ${count} of them because ${reason}`;
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
  try {
    await assertPrerequisites();
    const built = await buildTarget(pluginArg, options, root);
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
        target: built.target,
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
    assertSelectedSomething(collector.records.length, options, collector.unselected);
    if (collector.errors.length > 0) setupError = `suite error: ${collector.errors[0]}`;
    checks = assignReproScripts(collector.records);
    const unjudged = nothingJudged(checks);
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
