/** Per-check verdicts from a JSON report, keyed by suite file and title, for comparing two runs. */
import { readFileSync } from 'node:fs';

interface ReportCheck {
  readonly file: string;
  readonly title: string;
  readonly verdict: string;
}

/** `file :: title` → verdict ("pass", "fail", "skip"…), sorted by key. */
export function verdictsOf(reportFile: string): Record<string, string> {
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as { checks: ReportCheck[] };
  const entries = report.checks.map((check) => [`${check.file} :: ${check.title}`, check.verdict] as const);
  return Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)));
}
