/**
 * The repro script: rebuilds the same topology with named network namespaces (`ip netns`), ADDs the pods
 * by hand-made plugin calls, starts the listeners and replays the failed probes; everything it made is
 * deleted on exit (KEEP=1 keeps it for poking around). Rootless, it runs in a user namespace of its own with
 * private /run and /tmp (its header says how), as the rootless run itself does.
 */
import { shellQuote } from '../report/repro.ts';
import { cellName } from './matrix.ts';
import { POD_IFNAME } from './pods.ts';
import { probeCommand, STOP_LISTENERS_SCRIPT, startListenersScript } from './probes.ts';
import type { ClusterRunResult } from './run.ts';
import { OUTSIDE_NS, type Place, topologySteps, underlayLinks } from './steps.ts';

const PREFIX = 'clrepro';

function nsOf(place: Place): string {
  if (place.inside) return place.inside;
  return `${PREFIX}-${place.node}`;
}

function inPlace(place: Place, script: string): string {
  return `ip netns exec ${nsOf(place)} sh -ec ${shellQuote(script)}`;
}

/** The node's config with host-local's store moved under /tmp, so the host's /var/lib/cni stays untouched. */
function reproConfig(bytes: string, node: string): string {
  const list = JSON.parse(bytes) as { plugins: Record<string, unknown>[] } & Record<string, unknown>;
  const [first] = list.plugins.map((plugin) => {
    const ipam = plugin.ipam as Record<string, unknown> | undefined;
    return ipam?.type === 'host-local'
      ? { ...plugin, ipam: { ...ipam, dataDir: `/tmp/${PREFIX}/${node}` } }
      : plugin;
  });
  return JSON.stringify({ cniVersion: list.cniVersion, name: list.name, ...first });
}

export function renderClusterRepro(
  result: ClusterRunResult,
  pluginPath: string,
  cniPath: readonly string[],
): string {
  const { plan } = result;
  const names = [`${PREFIX}-fabric`, ...plan.nodes.map((node) => `${PREFIX}-${node.name}`)];
  const podNames = result.pods.map((pod) => pod.name);
  const lines = [
    '#!/usr/bin/env bash',
    `# Rebuilds the cni-conformance cluster (${plan.nodes.length} nodes, ${plan.mode}) with named netns and replays`,
    '# the failed probes. Only the first plugin of the list is called (no chaining). Needs root, or, rootless, a',
    "# user namespace of its own: unshare --user --map-root-user --mount --net sh -c 'mount -t tmpfs none /run && mount -t tmpfs none /tmp && bash cluster.sh'",
    'set -eo pipefail',
    `cleanup() { ${inPlace({ node: plan.nodes[0]?.name ?? 'node0' }, STOP_LISTENERS_SCRIPT)} || true; for ns in ${[...names, OUTSIDE_NS, ...podNames].join(' ')}; do ip netns delete "$ns" 2>/dev/null || true; done; rm -rf /tmp/${PREFIX}; }`,
    '[ "$KEEP" = 1 ] || trap cleanup EXIT',
    ...[...names, OUTSIDE_NS].map((name) => `ip netns add ${name}`),
    ...underlayLinks(plan).map(
      (link) =>
        `ip link add ${link.fabricEnd} netns ${PREFIX}-fabric type veth peer name ${link.nodeEnd} netns ${PREFIX}-${link.node}`,
    ),
    ...topologySteps(plan).map((step) => `# ${step.what}\n${inPlace(step.place, step.script)}`),
  ];
  for (const pod of result.pods) {
    const env = [
      'CNI_COMMAND=ADD',
      `CNI_CONTAINERID=${pod.attachment.containerId}`,
      `CNI_NETNS=/run/netns/${pod.name}`,
      `CNI_IFNAME=${POD_IFNAME}`,
      `CNI_PATH=${cniPath.join(':')}`,
      `CNI_ARGS=${shellQuote((pod.attachment.cniArgs ?? []).map(([k, v]) => `${k}=${v}`).join(';'))}`,
    ];
    const config = reproConfig(result.configs.get(pod.node) ?? '{}', pod.node);
    lines.push(`ip netns add ${pod.name}`);
    lines.push(
      `echo ${shellQuote(config)} | ip netns exec ${PREFIX}-${pod.node} env ${env.join(' ')} ${shellQuote(pluginPath)}; echo`,
    );
  }
  for (const node of plan.nodes) {
    const listeners = [
      { name: node.name, place: { node: node.name } },
      ...node.pods.map((pod) => ({ name: pod, place: { node: node.name, inside: pod } })),
      ...(node.index === 0 ? [{ name: OUTSIDE_NS, place: { node: node.name, inside: OUTSIDE_NS } }] : []),
    ];
    lines.push(inPlace({ node: node.name }, startListenersScript(listeners)));
  }
  const failed = result.cells.filter((cell) => !cell.ok);
  const replay = failed.length > 0 ? failed : result.cells.slice(0, 3);
  lines.push(`echo ${shellQuote(failed.length > 0 ? 'failed cells:' : 'no cell failed; a few probes:')}`);
  for (const cell of replay) {
    const source = cell.cell.source;
    const place = source.kind === 'pod' ? { node: source.node, inside: source.name } : { node: source.node };
    const mtu = result.pods.find((pod) => pod.name === source.name)?.mtu ?? 1500;
    for (const probe of cell.cell.probes) {
      const command = probeCommand(
        probe,
        cell.cell.destination.address ?? '0.0.0.0',
        mtu,
        cell.cell.allowedPeers !== undefined,
      );
      lines.push(`echo ${shellQuote(`## ${cellName(cell.cell)} (${probe})`)}`);
      lines.push(`${inPlace(place, command)} || true`);
    }
  }
  return `${lines.join('\n')}\n`;
}
