/**
 * Cluster benchmark (issue 19): the full matrix with the upstream bridge in host-gw mode, 3 nodes × 2 pods
 * (goal: ≤ 10 s wall on two cores), then 6 and 12 nodes to show how it grows. Cells grow as N² (every pod
 * probes every pod and node); set-up, ADD, DEL and the leak snapshots grow as N. Per phase wall time and the
 * CPU of this process and its reaped children say where the time goes. As root, the 3-node run is repeated
 * rootless (every namespace in one user namespace of the run's, as an unprivileged user gets it), side by
 * side; not root, only rootless runs.
 */

import { loadClusterConfig } from '../src/cluster/node-config.ts';
import { planCluster } from '../src/cluster/plan.ts';
import type { PhaseTime } from '../src/cluster/run.ts';
import { runCluster } from '../src/cluster/run.ts';
import { packageRoot } from '../src/package-root.ts';
import type { SandboxMode } from '../src/sandbox/index.ts';

const NODE_COUNTS = (process.env.CLUSTER_BENCH_NODES ?? '3,6,12').split(',').map(Number);
const PODS_PER_NODE = 2;
const isRoot = process.geteuid?.() === 0;

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const phase = (time: PhaseTime) => `${seconds(time.wallMs)}/${seconds(time.cpuMs)}`;

const config = loadClusterConfig(packageRoot(), 'bridge', undefined);

async function measure(nodes: number, sandboxMode: SandboxMode): Promise<number> {
  const result = await runCluster({
    plan: planCluster(nodes, PODS_PER_NODE, 'host-gw'),
    config,
    cniPath: ['/usr/lib/cni'],
    timeoutMs: 30_000,
    sandboxMode,
  });
  const { times } = result;
  const probes = result.cells.reduce((sum, cell) => sum + cell.probes.length, 0);
  const failed = result.cells.filter((cell) => !cell.ok).length + result.leaks.filter((l) => !l.ok).length;
  const goal = nodes === 3 ? ` (goal ≤ 10 s: ${times.totalMs <= 10_000 ? 'met' : 'missed'})` : '';
  console.log(
    `cluster ${nodes}×${PODS_PER_NODE} host-gw ${sandboxMode}: ${seconds(times.totalMs)} wall${goal}, ${result.cells.length} cells, ${probes} probes, ${failed} failed | ` +
      `wall/CPU: topology ${phase(times.topology)}, ADD+listeners ${phase(times.add)}, probes ${phase(times.probe)}, DEL+leak check ${phase(times.del)}`,
  );
  return times.totalMs;
}

for (const nodes of NODE_COUNTS) {
  const root = isRoot ? await measure(nodes, 'root') : undefined;
  if (nodes !== 3 && root !== undefined) continue;
  const rootless = await measure(nodes, 'rootless');
  if (root !== undefined)
    console.log(`cluster ${nodes}×${PODS_PER_NODE} rootless/root wall: ${(rootless / root).toFixed(2)}×`);
}
