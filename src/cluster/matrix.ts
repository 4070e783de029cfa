/**
 * The connectivity matrix: which (source, destination) pairs are probed, under which requirement-style ID,
 * and what each probe must observe.
 */
import type { NodePlan } from './plan.ts';

/** A namespace that sends or answers probes. */
export interface Endpoint {
  /** "node1-pod0", "node1" or "outside". */
  readonly name: string;
  readonly kind: 'pod' | 'node' | 'outside';
  /** The node it belongs to ("" for the outside). */
  readonly node: string;
  /** The address probes are sent to; undefined when the pod got none. */
  readonly address: string | undefined;
}

/** The cell kinds, one requirement-style ID each. */
export const CELL_KINDS = {
  'NET-LOCAL-1': 'pod → pod on the same node',
  'NET-XNODE-1': 'pod → pod on another node (ICMP, TCP, full-MTU packet with DF)',
  'NET-NODE-1': 'pod → its own node',
  'NET-NODE-2': 'node → pod on it',
  'NET-NODE-3': 'node → pod on another node',
  'NET-NODE-4': "pod → another node's address",
  'NET-EGRESS-1': 'pod → outside, masqueraded: the outside sees an address of the pod’s node',
} as const;

export type CellKind = keyof typeof CELL_KINDS;

/** What one probe checks. */
export type ProbeKind = 'icmp' | 'tcp' | 'mtu';

/** One cell to probe. */
export interface Cell {
  readonly kind: CellKind;
  readonly source: Endpoint;
  readonly destination: Endpoint;
  readonly probes: readonly ProbeKind[];
  /** For the TCP probe: peer addresses the destination may see (undefined: any). */
  readonly allowedPeers?: readonly string[];
}

function cellKind(source: Endpoint, destination: Endpoint): CellKind | undefined {
  if (source.kind === 'pod' && destination.kind === 'pod')
    return source.node === destination.node ? 'NET-LOCAL-1' : 'NET-XNODE-1';
  if (source.kind === 'pod' && destination.kind === 'node')
    return source.node === destination.node ? 'NET-NODE-1' : 'NET-NODE-4';
  if (source.kind === 'node' && destination.kind === 'pod')
    return source.node === destination.node ? 'NET-NODE-2' : 'NET-NODE-3';
  if (source.kind === 'pod' && destination.kind === 'outside') return 'NET-EGRESS-1';
  return undefined;
}

/** Addresses a node may masquerade to: its underlay address, and node 0's address toward the outside. */
export function nodeAddresses(node: NodePlan, gatewayToOutside: string): string[] {
  return node.index === 0 ? [node.underlayAddress, gatewayToOutside] : [node.underlayAddress];
}

/** Every probed cell, sources and destinations in endpoint order. */
export function matrixCells(
  endpoints: readonly Endpoint[],
  masqueradeAddresses: ReadonlyMap<string, readonly string[]>,
): Cell[] {
  const cells: Cell[] = [];
  for (const source of endpoints) {
    for (const destination of endpoints) {
      if (source === destination) continue;
      const kind = cellKind(source, destination);
      if (!kind) continue;
      const probes: ProbeKind[] = kind === 'NET-XNODE-1' ? ['icmp', 'tcp', 'mtu'] : ['icmp', 'tcp'];
      const allowedPeers = kind === 'NET-EGRESS-1' ? masqueradeAddresses.get(source.node) : undefined;
      cells.push({ kind, source, destination, probes, ...(allowedPeers ? { allowedPeers } : {}) });
    }
  }
  return cells;
}

/** "NET-XNODE-1 node0-pod0 → node1-pod1": the cell's test name. */
export function cellName(cell: Cell): string {
  return `${cell.kind} ${cell.source.name} → ${cell.destination.name}`;
}
