/** The matrix in the terminal: a source × destination table, then every failed cell and leak, one line each. */
import pc from 'picocolors';
import { buildGrid, cellFailures, shortName } from './grid.ts';
import { cellName } from './matrix.ts';
import type { ClusterRunResult } from './run.ts';

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - text.length));
}

/** The table: ✓ pass, ✗ fail, · not probed. */
export function formatMatrixTable(result: ClusterRunResult, color = false): string {
  const grid = buildGrid(result);
  const paint = (text: string, ok: boolean | undefined) =>
    !color || ok === undefined ? text : ok ? pc.green(text) : pc.red(text);
  const first = Math.max(...grid.sources.map((s) => shortName(s).length), 'src\\dst'.length) + 2;
  const width = Math.max(...grid.destinations.map((d) => shortName(d).length)) + 1;
  const header = pad('src\\dst', first) + grid.destinations.map((d) => pad(shortName(d), width)).join('');
  const rows = grid.sources.map((source) => {
    const cells = grid.destinations.map((destination) => {
      const cell = grid.cellAt(source, destination);
      const mark = cell === undefined ? '·' : cell.ok ? '✓' : '✗';
      return paint(pad(mark, width), cell?.ok);
    });
    return pad(shortName(source), first) + cells.join('');
  });
  return [header.trimEnd(), ...rows.map((row) => row.trimEnd())].join('\n');
}

/** The whole terminal report. */
export function formatClusterReport(result: ClusterRunResult, color = false): string {
  const { plan } = result;
  const failed = result.cells.filter((cell) => !cell.ok);
  const leaking = result.leaks.filter((leak) => !leak.ok);
  const podsPerNode = plan.nodes[0]?.pods.length ?? 0;
  const problems = [
    ...failed.map((cell) => `✗ ${cellName(cell.cell)}: ${cellFailures(cell)}`),
    ...leaking.map((leak) => `✗ NET-LEAK-1 ${leak.node}: leftovers after DEL\n${leak.detail}`),
  ];
  const lines = [
    `cluster: ${plan.nodes.length} nodes × ${podsPerNode} pods, mode ${plan.mode}`,
    ...result.pods.filter((pod) => pod.addError).map((pod) => `✗ ADD ${pod.name}: ${pod.addError}`),
    '',
    formatMatrixTable(result, color),
    '',
    ...(problems.length > 0 ? [...problems, ''] : []),
    `${failed.length + leaking.length === 0 ? '✓' : '✗'} ${result.cells.length - failed.length}/${result.cells.length} cells pass, ` +
      `${result.leaks.length - leaking.length}/${result.leaks.length} nodes clean after DEL ` +
      `(${(result.times.totalMs / 1000).toFixed(1)} s)`,
  ];
  return `${lines.join('\n')}\n`;
}
