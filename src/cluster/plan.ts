/**
 * The cluster's address plan: which node gets which underlay address, pod CIDR and VTEP MAC, and where the
 * "outside" sits. Every address lives only inside the namespaces the harness creates.
 */
import { HarnessError } from '../errors.ts';

/** How pod traffic crosses nodes. */
export type ClusterMode = 'host-gw' | 'vxlan' | 'plugin';

export const CLUSTER_MODES: readonly ClusterMode[] = ['host-gw', 'vxlan', 'plugin'];

/** The cluster CIDR, split into one /24 per node as kube-controller-manager's podCIDR allocator does. */
export const CLUSTER_CIDR = '10.244.0.0/16';
/** The underlay (the node network). */
export const UNDERLAY_PREFIX = '10.250.0';
/** The link between node 0 and the outside ("the internet"). */
export const OUTSIDE_PREFIX = '203.0.113';
export const OUTSIDE_ADDRESS = `${OUTSIDE_PREFIX}.100`;
/** flannel's overhead for VXLAN: 50 bytes of outer headers. */
export const VXLAN_OVERHEAD = 50;
export const UNDERLAY_MTU = 1500;
/** The most nodes the /16 and the /24 underlay hold. */
export const MAX_NODES = 200;

/** One node of the plan. */
export interface NodePlan {
  readonly index: number;
  /** "node0": the sandbox id suffix, the node's name in the matrix. */
  readonly name: string;
  readonly underlayAddress: string;
  /** The node's pod CIDR, e.g. 10.244.1.0/24. */
  readonly podCidr: string;
  /** flannel's VTEP address: the pod CIDR's network address, as a /32 on the vxlan device. */
  readonly vtepAddress: string;
  readonly vtepMac: string;
  /** Pod names on this node, e.g. node1-pod0. */
  readonly pods: readonly string[];
}

/** The whole plan. */
export interface ClusterPlan {
  readonly mode: ClusterMode;
  readonly nodes: readonly NodePlan[];
  /** Node 0's address on the link to the outside. */
  readonly gatewayToOutside: string;
  readonly outsideAddress: string;
}

function hex(value: number): string {
  return value.toString(16).padStart(2, '0');
}

/** Builds the plan; throws a usage error for counts out of range. */
export function planCluster(nodeCount: number, podsPerNode: number, mode: ClusterMode): ClusterPlan {
  if (!Number.isInteger(nodeCount) || nodeCount < 1 || nodeCount > MAX_NODES) {
    throw new HarnessError('CNI_CONFORMANCE_USAGE', `--nodes must be 1..${MAX_NODES}, got ${nodeCount}`);
  }
  if (!Number.isInteger(podsPerNode) || podsPerNode < 1 || podsPerNode > 50) {
    throw new HarnessError('CNI_CONFORMANCE_USAGE', `--pods-per-node must be 1..50, got ${podsPerNode}`);
  }
  const nodes = Array.from({ length: nodeCount }, (_, index): NodePlan => {
    const name = `node${index}`;
    return {
      index,
      name,
      underlayAddress: `${UNDERLAY_PREFIX}.${index + 1}`,
      podCidr: `10.244.${index}.0/24`,
      vtepAddress: `10.244.${index}.0`,
      vtepMac: `0a:58:0a:f4:${hex(index)}:00`,
      pods: Array.from({ length: podsPerNode }, (_, pod) => `${name}-pod${pod}`),
    };
  });
  return { mode, nodes, gatewayToOutside: `${OUTSIDE_PREFIX}.1`, outsideAddress: OUTSIDE_ADDRESS };
}

/** The MTU pods must use so that a full packet still fits the path (flannel's FLANNEL_MTU). */
export function podMtu(mode: ClusterMode): number {
  return mode === 'vxlan' ? UNDERLAY_MTU - VXLAN_OVERHEAD : UNDERLAY_MTU;
}
