/**
 * A self-contained HTML report: summary, a requirement × version matrix (colour per worst verdict, each cell linked
 * to its finding), every non-passing check expandable with its message, transcript and repro script (failures
 * first), and every cited requirement with its text so each ID link lands somewhere. A filter box and expand/collapse
 * buttons are inline; no external assets.
 */
import { findRequirement } from '../spec/requirements.ts';
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

/** Where links from the report go. */
export interface HtmlOptions {
  /** The report dir relative to the HTML file's dir ("" when the same): repro script links start with it. */
  readonly reportDirHref?: string;
}

/** Escapes text for HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function worst(verdicts: readonly Verdict[]): Verdict | undefined {
  return VERDICTS.find((v) => verdicts.includes(v));
}

/** Anchor of a requirement's entry. */
function requirementAnchor(id: string): string {
  return `req-${id}`;
}

/** One unique anchor per check (titles are unique per run; the index guards against a collision). */
function checkAnchors(checks: readonly CheckRecord[]): Map<CheckRecord, string> {
  return new Map(
    checks.map((check, index) => [
      check,
      `check-${index}-${check.title
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '')
        .slice(0, 60)}`,
    ]),
  );
}

function hasDetail(check: CheckRecord): boolean {
  return check.verdict !== 'pass';
}

/** Version columns: the versions the run selected (a version the plugin does not advertise gets none), plus "any". */
function versionColumns(model: ReportModel): string[] {
  const used = new Set(model.checks.map((c) => c.version ?? 'any'));
  const selected = model.run?.selectedVersions;
  const shown = [...used].filter((v) => v === 'any' || !selected || selected.includes(v));
  return shown.sort((a, b) => (a === 'any' ? -1 : b === 'any' ? 1 : compareVersions(a, b)));
}

function matrixCell(mine: readonly CheckRecord[], anchors: Map<CheckRecord, string>, id: string): string {
  const verdict = worst(mine.map((c) => c.verdict));
  if (!verdict) return '<td></td>';
  const check = mine.find((c) => c.verdict === verdict && hasDetail(c));
  const href = check ? anchors.get(check) : requirementAnchor(id);
  return `<td class="cell" style="background:${COLOURS[verdict]}" title="${verdict}"><a href="#${href}">${verdict}</a></td>`;
}

function matrix(model: ReportModel, anchors: Map<CheckRecord, string>): string {
  const versions = versionColumns(model);
  const ids = [...new Set(model.checks.flatMap((c) => c.ids))].sort();
  const head = `<tr><th>requirement</th><th>level</th>${versions.map((v) => `<th>${escapeHtml(v)}</th>`).join('')}</tr>`;
  const rows = ids.map((id) => {
    const mine = model.checks.filter((c) => c.ids.includes(id));
    const cells = versions.map((version) =>
      matrixCell(
        mine.filter((c) => (c.version ?? 'any') === version),
        anchors,
        id,
      ),
    );
    return `<tr><td><a href="#${requirementAnchor(id)}">${id}</a></td><td>${judgedLevel(mine)}</td>${cells.join('')}</tr>`;
  });
  return `<table class="matrix">${head}${rows.join('')}</table>`;
}

function detail(check: CheckRecord, anchor: string, options: HtmlOptions): string {
  const base = options.reportDirHref ? `${options.reportDirHref.replace(/\/$/, '')}/` : '';
  const repro = check.reproScript
    ? `<p>Repro script: <a href="${escapeHtml(base + check.reproScript)}"><code>${escapeHtml(check.reproScript)}</code></a></p>`
    : '';
  const why = check.skipReason ?? '';
  const known = check.knownBug
    ? `<p>Known upstream bug <b>${escapeHtml(check.knownBug.id)}</b>${check.knownBug.accepted ? ' (accepted)' : ''}: ${escapeHtml(check.knownBug.summary)}. Reference: ${escapeHtml(check.knownBug.reference)}.</p><pre>${escapeHtml(check.knownBug.reproduced)}</pre>`
    : '';
  const ids = check.ids.map((id) => `<a href="#${requirementAnchor(id)}">${id}</a>`).join(' ');
  return `<details class="finding" id="${anchor}"><summary><span class="tag" style="background:${COLOURS[check.verdict]}">${check.verdict}</span> ${escapeHtml(check.title)} <small>[${check.level}] ${ids}</small></summary>
<pre>${escapeHtml(check.failure ?? why)}</pre>${known}${repro}<pre class="transcript">${escapeHtml(formatTranscript(check.transcript))}</pre></details>`;
}

function requirements(checks: readonly CheckRecord[]): string {
  const ids = [...new Set(checks.flatMap((c) => c.ids))].sort();
  const items = ids.map((id) => {
    const requirement = findRequirement(id);
    const text = requirement ? `[${requirement.level}] ${requirement.summary}` : '';
    return `<li id="${requirementAnchor(id)}"><b>${id}</b> ${escapeHtml(text)}</li>`;
  });
  return `<ul class="requirements">${items.join('')}</ul>`;
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
.cell{text-align:center}.cell a{color:#fff;text-decoration:none}.tag{color:#fff;border-radius:3px;padding:1px 5px}pre{background:#f6f8fa;padding:8px;overflow:auto;white-space:pre-wrap}
.setup{color:#b31d28;font-weight:bold}details{margin:4px 0}.tools{margin:8px 0}`;

// Expand/collapse every finding, and a filter that hides findings whose text does not contain the query.
const SCRIPT = `const all=()=>document.querySelectorAll('details.finding');
document.getElementById('expand').onclick=()=>all().forEach(d=>{d.open=true});
document.getElementById('collapse').onclick=()=>all().forEach(d=>{d.open=false});
document.getElementById('filter').oninput=(e)=>{const q=e.target.value.toLowerCase();all().forEach(d=>{d.hidden=q!==''&&!d.textContent.toLowerCase().includes(q)})};
addEventListener('hashchange',()=>{const d=document.getElementById(location.hash.slice(1));if(d&&d.tagName==='DETAILS')d.open=true});`;

const TOOLS = `<div class="tools"><button id="expand">expand all</button> <button id="collapse">collapse all</button> <input id="filter" type="search" placeholder="filter findings (ID, verdict, text)"></div>`;

function byVerdict(a: CheckRecord, b: CheckRecord): number {
  return VERDICTS.indexOf(a.verdict) - VERDICTS.indexOf(b.verdict) || a.title.localeCompare(b.title);
}

/** The HTML document. */
export function renderHtml(model: ReportModel, options: HtmlOptions = {}): string {
  const anchors = checkAnchors(model.checks);
  const notable = model.checks.filter((c) => c.verdict !== 'pass' && c.verdict !== 'skip').sort(byVerdict);
  const unseen = notObservable(model.checks);
  const skipped = model.checks.filter((c) => c.verdict === 'skip' && !unseen.includes(c));
  const render = (c: CheckRecord) => detail(c, anchors.get(c) ?? '', options);
  return `<!doctype html><html><head><meta charset="utf-8"><title>cni-conformance report</title><style>${STYLE}</style></head><body>
<h1>cni-conformance ${escapeHtml(model.tool.version)}</h1>${summary(model)}
<h2>Requirement × version</h2>${matrix(model, anchors)}
<h2>Findings (${notable.length})</h2>${TOOLS}${notable.map(render).join('\n')}
<h2>Not observable (${unseen.length}): skipped, not passed</h2>${unseen.map(render).join('\n')}
<h2>Skipped (${skipped.length})</h2>${skipped.map(render).join('\n')}
<h2>Requirements</h2>${requirements(model.checks)}
<script>${SCRIPT}</script>
</body></html>
`;
}
