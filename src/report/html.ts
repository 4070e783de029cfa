/**
 * A self-contained HTML report: summary, a requirement × version matrix (colour per worst verdict), and every
 * non-passing check expandable with its message, transcript and repro script. No external assets.
 */
import { compareVersions } from '../spec/versions.ts';
import { type CheckRecord, notObservable, type ReportModel, VERDICTS, type Verdict } from './model.ts';
import { judgedLevel } from './terminal/summary.ts';
import { formatTranscript } from './transcript-text.ts';

const COLOURS: Readonly<Record<Verdict, string>> = {
  fail: '#d73a49',
  error: '#b31d28',
  warn: '#e5a00d',
  info: '#0366d6',
  pass: '#28a745',
  skip: '#959da5',
};

/** Escapes text for HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function worst(verdicts: readonly Verdict[]): Verdict | undefined {
  return VERDICTS.find((v) => verdicts.includes(v));
}

function matrix(checks: readonly CheckRecord[]): string {
  const versions = [...new Set(checks.map((c) => c.version ?? 'any'))].sort((a, b) =>
    a === 'any' ? -1 : b === 'any' ? 1 : compareVersions(a, b),
  );
  const ids = [...new Set(checks.flatMap((c) => c.ids))].sort();
  const head = `<tr><th>requirement</th><th>level</th>${versions.map((v) => `<th>${escapeHtml(v)}</th>`).join('')}</tr>`;
  const rows = ids.map((id) => {
    const mine = checks.filter((c) => c.ids.includes(id));
    const cells = versions.map((version) => {
      const verdict = worst(mine.filter((c) => (c.version ?? 'any') === version).map((c) => c.verdict));
      if (!verdict) return '<td></td>';
      return `<td class="cell" style="background:${COLOURS[verdict]}" title="${verdict}">${verdict}</td>`;
    });
    return `<tr><td><a href="#${id}">${id}</a></td><td>${judgedLevel(mine)}</td>${cells.join('')}</tr>`;
  });
  return `<table class="matrix">${head}${rows.join('')}</table>`;
}

function detail(check: CheckRecord): string {
  const repro = check.reproScript ? `<p>Repro script: <code>${escapeHtml(check.reproScript)}</code></p>` : '';
  const why = check.skipReason ?? '';
  const known = check.knownBug
    ? `<p>Known upstream bug <b>${escapeHtml(check.knownBug.id)}</b>${check.knownBug.accepted ? ' (accepted)' : ''}: ${escapeHtml(check.knownBug.summary)}. Reference: ${escapeHtml(check.knownBug.reference)}.</p><pre>${escapeHtml(check.knownBug.reproduced)}</pre>`
    : '';
  return `<details id="${escapeHtml(check.ids[0] ?? '')}"><summary><span class="tag" style="background:${COLOURS[check.verdict]}">${check.verdict}</span> ${escapeHtml(check.title)} <small>[${check.level}]</small></summary>
<pre>${escapeHtml(check.failure ?? why)}</pre>${known}${repro}<pre class="transcript">${escapeHtml(formatTranscript(check.transcript))}</pre></details>`;
}

function summary(model: ReportModel): string {
  const counts = VERDICTS.map(
    (v) => `<span class="tag" style="background:${COLOURS[v]}">${v} ${model.counts[v]}</span>`,
  ).join(' ');
  const run = model.run;
  const ratio = model.overhead.ratio === null ? 'n/a' : model.overhead.ratio.toFixed(2);
  const lines = run
    ? `<p>Plugin <code>${escapeHtml(run.pluginPath)}</code> (${escapeHtml(run.role)}), config: ${escapeHtml(run.configSource)}; profile ${run.profile}, fail-on ${run.failOn}, seed ${run.seed}; versions ${run.selectedVersions.join(', ')}</p>`
    : '';
  const setup = model.setupError ? `<p class="setup">Setup failed: ${escapeHtml(model.setupError)}</p>` : '';
  return `${setup}${lines}<p>${counts}</p><p>Exit code ${model.exitCode}. Harness overhead ratio ${ratio} (suite ${Math.round(model.overhead.suiteWallMs)} ms ÷ plugin ${Math.round(model.overhead.pluginWallMs)} ms). ${escapeHtml(model.startedAt)}</p>`;
}

const STYLE = `body{font:14px system-ui,sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:2px 6px}
.cell{color:#fff;text-align:center}.tag{color:#fff;border-radius:3px;padding:1px 5px}pre{background:#f6f8fa;padding:8px;overflow:auto;white-space:pre-wrap}
.setup{color:#b31d28;font-weight:bold}details{margin:4px 0}`;

/** The HTML document. */
export function renderHtml(model: ReportModel): string {
  const notable = model.checks.filter((c) => c.verdict !== 'pass' && c.verdict !== 'skip');
  const unseen = notObservable(model.checks);
  const skipped = model.checks.filter((c) => c.verdict === 'skip' && !unseen.includes(c));
  return `<!doctype html><html><head><meta charset="utf-8"><title>cni-conformance report</title><style>${STYLE}</style></head><body>
<h1>cni-conformance ${escapeHtml(model.tool.version)}</h1>${summary(model)}
<h2>Requirement × version</h2>${matrix(model.checks)}
<h2>Findings (${notable.length})</h2>${notable.map(detail).join('\n')}
<h2>Not observable (${unseen.length}): skipped, not passed</h2>${unseen.map(detail).join('\n')}
<h2>Skipped (${skipped.length})</h2>${skipped.map(detail).join('\n')}
</body></html>
`;
}
