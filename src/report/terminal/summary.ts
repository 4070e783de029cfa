/** The end-of-run summary table: one row per requirement, one column per version, then counts and report paths. */
import pc from 'picocolors';
import { compareVersions } from '../../spec/versions.ts';
import { type CheckRecord, notObservable, type ReportModel, VERDICTS, type Verdict } from '../model.ts';
import { verdictSymbol } from './progress.ts';

function worst(verdicts: readonly Verdict[]): Verdict | undefined {
  return VERDICTS.find((v) => verdicts.includes(v));
}

/**
 * The level a requirement's row shows: the one its most severe finding was judged at (what the finding line
 * prints in brackets), so row and finding never disagree.
 */
export function judgedLevel(checks: readonly CheckRecord[]): string {
  const verdict = worst(checks.map((c) => c.verdict));
  return checks.find((c) => c.verdict === verdict)?.level ?? '';
}

function versionColumns(checks: readonly CheckRecord[]): string[] {
  return [...new Set(checks.map((c) => c.version ?? 'any'))].sort((a, b) =>
    a === 'any' ? -1 : b === 'any' ? 1 : compareVersions(a, b),
  );
}

/** The table as lines (symbols per version cell). */
export function renderSummaryTable(checks: readonly CheckRecord[]): string[] {
  const versions = versionColumns(checks);
  const ids = [...new Set(checks.flatMap((c) => c.ids))].sort();
  const width = Math.max(12, ...ids.map((id) => id.length));
  const header = `${'requirement'.padEnd(width)}  level   ${versions.map((v) => v.padEnd(6)).join(' ')}`;
  const rows = ids.map((id) => {
    const mine = checks.filter((c) => c.ids.includes(id));
    const level = judgedLevel(mine);
    const cells = versions.map((version) => {
      const verdict = worst(mine.filter((c) => (c.version ?? 'any') === version).map((c) => c.verdict));
      return verdict ? `${verdictSymbol(verdict)}     ` : '      ';
    });
    return `${id.padEnd(width)}  ${level.padEnd(6)}  ${cells.join(' ')}`;
  });
  return [pc.bold(header), ...rows];
}

/** The checks that could not observe what they judge, each with the option that would make it observable. */
function notObservableLines(checks: readonly CheckRecord[]): string[] {
  const unseen = notObservable(checks);
  if (unseen.length === 0) return [];
  const lines = unseen.map((check) => `  - ${check.title}\n      ${pc.dim(check.skipReason ?? '')}`);
  return ['', pc.yellow(`not observable (${unseen.length}): skipped, not passed`), ...lines];
}

/** Summary text: table, counts, overhead, where the reports are. */
export function renderSummary(model: ReportModel, reportFiles: readonly string[]): string {
  const counts = VERDICTS.filter((v) => model.counts[v] > 0)
    .map((v) => `${verdictSymbol(v)} ${model.counts[v]} ${v}`)
    .join('   ');
  const ratio = model.overhead.ratio === null ? 'n/a' : model.overhead.ratio.toFixed(2);
  const seconds = (model.overhead.suiteWallMs / 1000).toFixed(1);
  return [
    '',
    ...renderSummaryTable(model.checks),
    ...notObservableLines(model.checks),
    '',
    `${counts || 'no checks ran'}   (${seconds}s, harness overhead ratio ${ratio}, seed ${model.run?.seed ?? '-'})`,
    ...(model.unreproducedKnownBugs ?? []).map(
      (id) =>
        `${pc.magenta('fixed?')} known upstream bug ${id} did not reproduce: its check passed on the pinned build`,
    ),
    `reports: ${reportFiles.join(', ')}`,
    '',
  ].join('\n');
}
