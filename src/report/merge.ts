/**
 * Merging the JSON reports of a sharded run (`--shard i/n`) into the one report an unsharded run would have
 * written: the same checks, counts, run verdict and exit code. Every shard must be there exactly once and all of
 * them of the same run (same `shard.runId`); otherwise the error names the shard and the files.
 */
import { HarnessError } from '../errors.ts';
import {
  type CheckRecord,
  countVerdicts,
  exitCodeOf,
  nothingJudged,
  type ReportModel,
  type ShardInfo,
} from './model.ts';

/** One input: the file it came from (for messages) and its parsed content. */
export interface ShardReport {
  readonly file: string;
  readonly model: ReportModel;
}

function invalid(what: string, fix?: string): HarnessError {
  return new HarnessError('CNI_CONFORMANCE_CONFIG_INVALID', what, fix ? { fix } : {});
}

/** Parses one file's text into a shard report; what is not one is an error naming the file. */
export function parseShardReport(file: string, text: string): ShardReport {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalid(`${file} is not JSON`, 'give the JSON reports (--json) of the shards');
  }
  const model = value as Partial<ReportModel> | null;
  if (typeof model !== 'object' || model === null || !Array.isArray(model.checks) || !model.tool)
    throw invalid(
      `${file} is not a cni-conformance JSON report`,
      'give the JSON reports (--json) of the shards',
    );
  const shard = model.shard as Partial<ShardInfo> | undefined;
  if (
    !shard ||
    typeof shard.index !== 'number' ||
    typeof shard.count !== 'number' ||
    typeof shard.runId !== 'string' ||
    shard.index < 1
  )
    throw invalid(`${file} is not a shard's report`, 'run each shard with --shard i/n');
  return { file, model: model as ReportModel };
}

const label = (shard: ShardInfo) => `${shard.index}/${shard.count}`;

function shardOf(report: ShardReport): ShardInfo {
  // parseShardReport checked it.
  return report.model.shard as ShardInfo;
}

/** Every shard once, of one split and one run; returns them in shard order. */
function assertComplete(reports: readonly ShardReport[]): ShardReport[] {
  const [first] = reports;
  if (!first) throw new HarnessError('CNI_CONFORMANCE_USAGE', 'merge needs the JSON reports of the shards');
  const { count, runId } = shardOf(first);
  const byIndex = new Map<number, ShardReport>();
  for (const report of reports) {
    const shard = shardOf(report);
    if (shard.count !== count)
      throw invalid(
        `${report.file} is shard ${label(shard)} but ${first.file} is shard ${label(shardOf(first))}: not the same split`,
      );
    // A shard that failed before it knew its target has no run id; its setup error is what the merge reports.
    if (shard.runId !== runId && shard.runId !== '' && runId !== '')
      throw invalid(
        `${report.file} (shard ${label(shard)}) is of another run than ${first.file}: run id ${shard.runId} ≠ ${runId}`,
        'merge shards run with the same plugin build, config, options and cni-conformance version',
      );
    const twin = byIndex.get(shard.index);
    if (twin) throw invalid(`shard ${label(shard)} given twice: ${twin.file} and ${report.file}`);
    byIndex.set(shard.index, report);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length > 0)
    throw invalid(
      `shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${count}`).join(', ')} missing (have ${[
        ...byIndex.keys(),
      ]
        .sort()
        .map((i) => `${i}/${count}`)
        .join(', ')})`,
      'give the JSON report of every shard',
    );
  return [...byIndex.keys()].sort((a, b) => a - b).map((i) => byIndex.get(i) as ShardReport);
}

/** The run-level error of the merged run: a shard's (named), else the whole run's "nothing judged". */
function mergedFailure(
  reports: readonly ShardReport[],
  checks: readonly CheckRecord[],
): { setupError?: string; exitCode: 0 | 1 | 2 } {
  // Exit 2 (set-up) outranks exit 1 with an error (a run stopped on a verdict about the whole binary).
  const failed = [...reports]
    .filter((r) => r.model.setupError !== undefined)
    .sort((a, b) => b.model.exitCode - a.model.exitCode)[0];
  if (failed)
    return {
      setupError: `shard ${label(shardOf(failed))}: ${failed.model.setupError}`,
      exitCode: failed.model.exitCode,
    };
  // An unsharded run refuses a selection that picks no check; the shards each defer that to the merge.
  const setupError =
    checks.length === 0
      ? `no check ran in any of the ${reports.length} shards: the --only/--skip selection picks none`
      : nothingJudged(checks);
  return { ...(setupError ? { setupError } : {}), exitCode: exitCodeOf(checks, setupError) };
}

/** Merges the shards' reports; throws a one-line HarnessError when they are not one complete run. */
export function mergeReports(inputs: readonly ShardReport[]): ReportModel {
  const reports = assertComplete(inputs);
  const models = reports.map((r) => r.model);
  const first = models[0] as ReportModel;
  const checks = models.flatMap((m) => m.checks);
  const run = models.find((m) => m.run)?.run;
  const notes = [...new Set(models.flatMap((m) => m.run?.notes ?? []))];
  const bugs = [...new Set(models.flatMap((m) => m.unreproducedKnownBugs ?? []))];
  const suiteWallMs = models.reduce((sum, m) => sum + m.overhead.suiteWallMs, 0);
  const pluginWallMs = models.reduce((sum, m) => sum + m.overhead.pluginWallMs, 0);
  const { count, runId } = shardOf(
    reports.find((r) => shardOf(r).runId !== '') ?? (reports[0] as ShardReport),
  );
  return {
    tool: first.tool,
    startedAt: models.map((m) => m.startedAt).sort()[0] ?? first.startedAt,
    finishedAt:
      models
        .map((m) => m.finishedAt)
        .sort()
        .at(-1) ?? first.finishedAt,
    run: run ? { ...run, notes } : undefined,
    shard: { index: 0, count, runId },
    ...mergedFailure(reports, checks),
    checks,
    ...(bugs.length > 0 ? { unreproducedKnownBugs: bugs } : {}),
    counts: countVerdicts(checks),
    overhead: { suiteWallMs, pluginWallMs, ratio: pluginWallMs > 0 ? suiteWallMs / pluginWallMs : null },
  };
}
