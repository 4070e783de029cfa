/**
 * Text rendering of a judge report for the terminal: one line per finding, failures with their violations.
 */
import type { Finding } from './finding.ts';
import type { JudgeReport } from './judge.ts';

const MARK: Readonly<Record<Finding['verdict'], string>> = {
  pass: 'PASS',
  fail: 'FAIL',
  warn: 'WARN',
  info: 'INFO',
  skip: 'SKIP',
};

/** One line for a finding: "FAIL R-DEL-1 [MUST] DEL runs … — DEL cid=c1 called spy-a,spy-b". */
export function formatFinding(finding: Finding): string {
  return `${MARK[finding.verdict]} ${finding.id} [${finding.level}] ${finding.title} — ${finding.message}`;
}

/** The whole report: findings, then the violations of failures and warnings, then a summary line. */
export function renderJudgeReport(report: JudgeReport): string {
  const lines = report.findings.map(formatFinding);
  for (const finding of report.findings.filter((f) => f.verdict === 'fail' || f.verdict === 'warn')) {
    if (finding.violations.length < 2) continue;
    lines.push(`  ${finding.id}:`, ...finding.violations.map((violation) => `    - ${violation}`));
  }
  lines.push(...report.notes.map((note) => `NOTE ${note}`));
  const count = (verdict: Finding['verdict']) => report.findings.filter((f) => f.verdict === verdict).length;
  lines.push(
    `profile ${report.profile}: ${count('pass')} passed, ${count('fail')} failed, ${count('warn')} warnings, ${count('info')} info, ${count('skip')} skipped`,
  );
  return `${lines.join('\n')}\n`;
}
