/**
 * The cluster run's files: an HTML colour grid (source × destination, each cell its verdict and ICMP
 * latency), JUnit with one testcase per cell and per node leak check, and the repro script.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Builder } from 'junit-report-builder';
import junitModule from 'junit-report-builder';
import { escapeHtml } from '../report/html.ts';
import { buildGrid, cellFailures, cellLatency, shortName } from './grid.ts';
import { CELL_KINDS, cellName } from './matrix.ts';
import type { CellResult, ClusterRunResult } from './run.ts';

// CommonJS package with an ES default in its types: accept both shapes (as src/report/junit.ts does).
const junitFactory = ((junitModule as unknown as { default?: Builder }).default ??
  junitModule) as unknown as Builder;

function htmlCell(cell: CellResult | undefined): string {
  if (!cell) return '<td class="none">·</td>';
  const latency = cellLatency(cell);
  const text = `${cell.ok ? '✓' : '✗'}${latency === undefined ? '' : `<br><small>${latency.toFixed(2)} ms</small>`}`;
  const title = `${cellName(cell.cell)}: ${cell.ok ? 'pass' : cellFailures(cell)}`;
  return `<td class="${cell.ok ? 'pass' : 'fail'}" title="${escapeHtml(title)}">${text}</td>`;
}

const STYLE = `body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse}
td,th{border:1px solid #ccc;padding:4px 6px;text-align:center;font-size:13px}
td.pass{background:#c8f0c8}td.fail{background:#f4b4b4}td.none{color:#bbb}
th.row{text-align:left}ul{font-size:13px}`;

/** The HTML page. */
export function renderClusterHtml(result: ClusterRunResult): string {
  const grid = buildGrid(result);
  const head = grid.destinations.map(
    (d) => `<th title="${escapeHtml(d.address ?? '')}">${shortName(d)}</th>`,
  );
  const rows = grid.sources.map(
    (s) =>
      `<tr><th class="row" title="${escapeHtml(s.address ?? '')}">${shortName(s)}</th>${grid.destinations
        .map((d) => htmlCell(grid.cellAt(s, d)))
        .join('')}</tr>`,
  );
  const failures = [
    ...result.cells.filter((c) => !c.ok).map((c) => `${cellName(c.cell)}: ${cellFailures(c)}`),
    ...result.leaks.filter((l) => !l.ok).map((l) => `NET-LEAK-1 ${l.node}: ${l.detail.split('\n')[0] ?? ''}`),
  ];
  const kinds = Object.entries(CELL_KINDS).map(([id, what]) => `<li><b>${id}</b> ${escapeHtml(what)}</li>`);
  const { plan } = result;
  return `<!doctype html><html><head><meta charset="utf-8"><title>cni-conformance cluster</title>
<style>${STYLE}</style></head><body>
<h2>Connectivity matrix: ${plan.nodes.length} nodes × ${plan.nodes[0]?.pods.length ?? 0} pods, ${plan.mode}</h2>
<table><tr><th>src \\ dst</th>${head.join('')}</tr>${rows.join('\n')}</table>
<ul>${failures.map((f) => `<li>✗ ${escapeHtml(f)}</li>`).join('')}</ul>
<ul>${kinds.join('')}</ul>
</body></html>
`;
}

/** JUnit: one testcase per cell (`NET-XNODE-1 node0-pod0 → node1-pod1`), one per node's leak check. */
export function renderClusterJunit(result: ClusterRunResult): string {
  const builder = junitFactory.newBuilder();
  const suite = builder.testSuite().name(`cluster.${result.plan.mode}`);
  for (const cell of result.cells) {
    const testCase = suite
      .testCase()
      .className(`cni-conformance.cluster.${cell.cell.kind}`)
      .name(cellName(cell.cell))
      .property('requirement', cell.cell.kind);
    for (const probe of cell.probes)
      testCase.property(probe.probe, `${probe.ok ? 'pass' : 'fail'}: ${probe.detail}`);
    if (!cell.ok) testCase.failure(`${cell.cell.kind}: ${cellFailures(cell)}`, 'ConnectivityFailure');
  }
  for (const leak of result.leaks) {
    const testCase = suite
      .testCase()
      .className('cni-conformance.cluster.NET-LEAK-1')
      .name(`NET-LEAK-1 ${leak.node}`)
      .property('requirement', 'NET-LEAK-1');
    if (!leak.ok)
      testCase
        .failure(`NET-LEAK-1: leftovers after DEL on ${leak.node}`, 'LeakFailure')
        .standardOutput(leak.detail);
  }
  return builder.build();
}

/** Writes `<dir>/cni-conformance-cluster.{html,junit.xml}` and the repro script; returns the paths. */
export function writeClusterReports(result: ClusterRunResult, reportDir: string, repro: string): string[] {
  const files: [string, string][] = [
    [join(reportDir, 'cni-conformance-cluster.html'), renderClusterHtml(result)],
    [join(reportDir, 'cni-conformance-cluster.junit.xml'), renderClusterJunit(result)],
    [join(reportDir, 'repro', 'cluster.sh'), repro],
  ];
  for (const [file, text] of files) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text, { mode: file.endsWith('.sh') ? 0o755 : 0o644 });
  }
  return files.map(([file]) => file);
}
