/**
 * The topology as data: shell steps, each run in one place (the fabric, a node's root namespace, or a
 * namespace inside a node). The live run executes them in sandboxes; the repro script replays the same
 * text with `ip netns exec`, so both build the same thing.
 */
import {
  type ClusterPlan,
  type NodePlan,
  OUTSIDE_PREFIX,
  UNDERLAY_MTU,
  UNDERLAY_PREFIX,
  VXLAN_OVERHEAD,
} from './plan.ts';

/** Where a step runs: the fabric, a node's root namespace, or a namespace inside a node (`inside`). */
export interface Place {
  readonly node: string | 'fabric';
  readonly inside?: string;
}

/** One shell script run in one place. */
export interface Step {
  readonly place: Place;
  readonly what: string;
  readonly script: string;
}

/** A veth pair between the fabric and a node, created from outside both (the only cross-namespace link). */
export interface UnderlayLink {
  readonly node: string;
  /** The fabric's end, a port of the underlay bridge. */
  readonly fabricEnd: string;
  /** The node's end. */
  readonly nodeEnd: string;
}

export const UNDERLAY_BRIDGE = 'underlay';
export const NODE_UNDERLAY_IF = 'eth0';
export const OUTSIDE_NS = 'outside';
export const VXLAN_DEVICE = 'flannel.1';
/** flannel's VXLAN port and VNI. */
const VXLAN_PORT = 8472;
const VXLAN_ID = 1;

/** `ip -batch` from a here-document: one spawn for many changes. */
function ipBatch(lines: readonly string[]): string {
  return lines.length === 0 ? '' : `ip -batch - <<'EOF'\n${lines.join('\n')}\nEOF\n`;
}

export function underlayLinks(plan: ClusterPlan): UnderlayLink[] {
  return plan.nodes.map((node) => ({
    node: node.name,
    fabricEnd: `u-${node.name}`,
    nodeEnd: NODE_UNDERLAY_IF,
  }));
}

function fabricStep(plan: ClusterPlan): Step {
  const lines = [
    `link add ${UNDERLAY_BRIDGE} type bridge`,
    `link set ${UNDERLAY_BRIDGE} up`,
    ...underlayLinks(plan).map((link) => `link set ${link.fabricEnd} master ${UNDERLAY_BRIDGE} up`),
  ];
  return { place: { node: 'fabric' }, what: 'underlay bridge and its ports', script: ipBatch(lines) };
}

/**
 * The harness's own links carry IPv4 only: a link-local address that DAD adds seconds later would show up
 * in the node's leak diff as if the plugin had left it.
 */
function noIpv6(links: readonly string[]): string {
  return links.map((link) => `echo 1 > /proc/sys/net/ipv6/conf/${link}/disable_ipv6\n`).join('');
}

/** The node's underlay address, forwarding, and the way to the outside (node 0 owns that link). */
function nodeBaseStep(plan: ClusterPlan, node: NodePlan): Step {
  const first = plan.nodes[0] as NodePlan;
  const lines = [
    `addr add ${node.underlayAddress}/24 dev ${NODE_UNDERLAY_IF}`,
    `link set ${NODE_UNDERLAY_IF} mtu ${UNDERLAY_MTU} up`,
    ...(node.index === 0
      ? [
          `link add ext0 type veth peer name eth0 netns ${OUTSIDE_NS}`,
          `addr add ${plan.gatewayToOutside}/24 dev ext0`,
          'link set ext0 up',
        ]
      : [`route add ${OUTSIDE_PREFIX}.0/24 via ${first.underlayAddress}`]),
  ];
  return {
    place: { node: node.name },
    what: 'underlay address, forwarding, route to the outside',
    script: `echo 1 > /proc/sys/net/ipv4/ip_forward\n${ipBatch(lines)}${noIpv6(node.index === 0 ? [NODE_UNDERLAY_IF, 'ext0'] : [NODE_UNDERLAY_IF])}`,
  };
}

/** The outside only knows the underlay (via node 0): pod addresses must reach it masqueraded. */
function outsideStep(plan: ClusterPlan): Step {
  const first = plan.nodes[0] as NodePlan;
  const lines = [
    'link set lo up',
    `addr add ${plan.outsideAddress}/24 dev eth0`,
    'link set eth0 up',
    `route add ${UNDERLAY_PREFIX}.0/24 via ${plan.gatewayToOutside}`,
  ];
  return {
    place: { node: first.name, inside: OUTSIDE_NS },
    what: 'the outside: knows only the underlay',
    script: ipBatch(lines),
  };
}

/** host-gw: every other node's pod CIDR via that node's underlay address (flannel host-gw, Calico BGP). */
function hostGwStep(plan: ClusterPlan, node: NodePlan): Step {
  const lines = plan.nodes
    .filter((other) => other !== node)
    .map((other) => `route add ${other.podCidr} via ${other.underlayAddress}`);
  return { place: { node: node.name }, what: 'host-gw routes', script: ipBatch(lines) };
}

/** vxlan as flannel does it: one VTEP, static neighbour + FDB entries and an onlink route per peer. */
function vxlanStep(plan: ClusterPlan, node: NodePlan): Step {
  const peers = plan.nodes.filter((other) => other !== node);
  const lines = [
    `link add ${VXLAN_DEVICE} address ${node.vtepMac} type vxlan id ${VXLAN_ID} local ${node.underlayAddress} dev ${NODE_UNDERLAY_IF} dstport ${VXLAN_PORT} nolearning`,
    `link set ${VXLAN_DEVICE} mtu ${UNDERLAY_MTU - VXLAN_OVERHEAD} up`,
    `addr add ${node.vtepAddress}/32 dev ${VXLAN_DEVICE}`,
    ...peers.flatMap((peer) => [
      `neigh add ${peer.vtepAddress} lladdr ${peer.vtepMac} dev ${VXLAN_DEVICE} nud permanent`,
      `route add ${peer.podCidr} via ${peer.vtepAddress} dev ${VXLAN_DEVICE} onlink`,
    ]),
  ];
  const fdb = peers.map(
    (peer) => `bridge fdb append ${peer.vtepMac} dev ${VXLAN_DEVICE} dst ${peer.underlayAddress}`,
  );
  return {
    place: { node: node.name },
    what: 'vxlan VTEP, neighbours, FDB and routes',
    script: `${ipBatch(lines)}${noIpv6([VXLAN_DEVICE])}${fdb.join('\n')}\n`,
  };
}

/** Everything after the underlay links and the outside's namespace (inside node 0) exist, in order. */
export function topologySteps(plan: ClusterPlan): Step[] {
  const controlPlane = plan.nodes.flatMap((node) => {
    if (plan.mode === 'host-gw') return [hostGwStep(plan, node)];
    if (plan.mode === 'vxlan') return [vxlanStep(plan, node)];
    return [];
  });
  return [
    fabricStep(plan),
    ...plan.nodes.map((node) => nodeBaseStep(plan, node)),
    outsideStep(plan),
    ...controlPlane,
  ];
}
