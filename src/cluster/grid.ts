/**
 * The matrix as a grid: rows are sources, columns destinations, each cell the verdict of the probed pair
 * (or nothing for pairs the matrix does not probe). Shared by the terminal table and the HTML report.
 */
import type { Endpoint } from './matrix.ts';
import type { CellResult, ClusterRunResult } from './run.ts';

/** The grid: endpoints in order and the probed cell of each (source, destination). */
export interface Grid {
  readonly sources: readonly Endpoint[];
  readonly destinations: readonly Endpoint[];
  cellAt(source: Endpoint, destination: Endpoint): CellResult | undefined;
}

export function buildGrid(result: ClusterRunResult): Grid {
  const byPair = new Map(
    result.cells.map((cell) => [`${cell.cell.source.name}>${cell.cell.destination.name}`, cell]),
  );
  const sources = result.endpoints.filter((e) => result.cells.some((c) => c.cell.source === e));
  const destinations = result.endpoints.filter((e) => result.cells.some((c) => c.cell.destination === e));
  return {
    sources,
    destinations,
    cellAt: (source, destination) => byPair.get(`${source.name}>${destination.name}`),
  };
}

/** The ICMP round-trip time of a cell, if it got one. */
export function cellLatency(cell: CellResult): number | undefined {
  return cell.probes.find((probe) => probe.latencyMs !== undefined)?.latencyMs;
}

/** "tcp: answered by node0-pod0, not node1-pod0; mtu: Frag needed": the failed probes of a cell. */
export function cellFailures(cell: CellResult): string {
  return cell.probes
    .filter((probe) => !probe.ok)
    .map((probe) => `${probe.probe}: ${probe.detail}`)
    .join('; ');
}

/** Short column label: "n1p0" for node1-pod0, "n1" for node1. */
export function shortName(endpoint: Endpoint): string {
  return endpoint.name
    .replace(/node(\d+)/, 'n$1')
    .replace(/-pod(\d+)/, 'p$1')
    .replace('outside', 'out');
}
