/**
 * `--timings`: where a run's time went, per suite: the checks that ran, the plugin calls they made, the time the
 * checks took and the part of it spent inside plugin processes. Check time is summed over the parallel workers,
 * so it exceeds the wall time of the run; the shares show which suites to make cheaper.
 */
import type { CheckRecord } from '../model.ts';

interface SuiteTime {
  readonly suite: string;
  checks: number;
  calls: number;
  checkMs: number;
  pluginMs: number;
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(1);
}

/** The per-suite table, slowest suite first, and a total line. */
export function renderTimings(checks: readonly CheckRecord[]): string {
  const bySuite = new Map<string, SuiteTime>();
  for (const check of checks) {
    if (check.outcome === 'skipped') continue;
    const row = bySuite.get(check.suite) ?? {
      suite: check.suite,
      checks: 0,
      calls: 0,
      checkMs: 0,
      pluginMs: 0,
    };
    row.checks += 1;
    row.calls += check.transcript.filter((entry) => entry.type === 'plugin').length;
    row.checkMs += check.durationMs;
    row.pluginMs += check.pluginMs;
    bySuite.set(check.suite, row);
  }
  const rows = [...bySuite.values()].sort((a, b) => b.checkMs - a.checkMs);
  const total = rows.reduce((sum, row) => sum + row.checkMs, 0);
  const width = Math.max(5, ...rows.map((row) => row.suite.length));
  const line = (cells: readonly string[]) =>
    `${cells[0]?.padEnd(width)}  ${cells
      .slice(1)
      .map((cell) => cell.padStart(8))
      .join('  ')}`;
  const body = rows.map((row) =>
    line([
      row.suite,
      String(row.checks),
      String(row.calls),
      seconds(row.checkMs),
      seconds(row.pluginMs),
      `${total > 0 ? Math.round((row.checkMs / total) * 100) : 0} %`,
    ]),
  );
  const sum = (pick: (row: SuiteTime) => number) => rows.reduce((acc, row) => acc + pick(row), 0);
  return [
    'timings (check time summed over parallel workers; seconds):',
    line(['suite', 'checks', 'calls', 'check s', 'plugin s', 'share']),
    ...body,
    line([
      'total',
      String(sum((r) => r.checks)),
      String(sum((r) => r.calls)),
      seconds(total),
      seconds(sum((r) => r.pluginMs)),
      '100 %',
    ]),
    '',
  ].join('\n');
}
