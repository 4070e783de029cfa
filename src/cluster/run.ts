/**
 * One cluster run: topology, control plane, pods, the matrix, DEL, and a leak check per node (a snapshot
 * of each node before the first ADD and after the last DEL; anything but shared scaffolding fails).
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { Snapshot } from '../inspect/index.ts';
import { diffSnapshots, formatDiff, inspectNamespace, leaks, sandboxRunner } from '../inspect/index.ts';
import type { SandboxMode } from '../sandbox/sandbox.ts';
import { type Cell, type Endpoint, matrixCells, nodeAddresses } from './matrix.ts';
import { type ClusterConfig, nodeConfig } from './node-config.ts';
import type { ClusterPlan, NodePlan } from './plan.ts';
import { addPods, deletePods, type NodeRuntime, nodeRuntime, type Pod } from './pods.ts';
import {
  judgeProbe,
  type Listener,
  type ProbeResult,
  parseProbeOutput,
  probeScript,
  STOP_LISTENERS_SCRIPT,
  startListenersScript,
} from './probes.ts';
import { OUTSIDE_NS } from './steps.ts';
import { buildTopology, type ClusterTopology } from './topology.ts';

/** A probed cell. */
export interface CellResult {
  readonly cell: Cell;
  readonly probes: readonly ProbeResult[];
  readonly ok: boolean;
}

/** The leak verdict of one node. */
export interface NodeLeakResult {
  readonly node: string;
  readonly ok: boolean;
  /** Leftovers (and scaffolding, marked) as text; the DEL errors first. */
  readonly detail: string;
}

/** One phase's wall time and CPU (this process plus its reaped children). */
export interface PhaseTime {
  readonly wallMs: number;
  readonly cpuMs: number;
}

/** Per phase, for the bench and the report. */
export interface PhaseTimes {
  readonly topology: PhaseTime;
  readonly add: PhaseTime;
  readonly probe: PhaseTime;
  readonly del: PhaseTime;
  readonly totalMs: number;
}

/** CPU ms so far: this process and every reaped child (utime+stime, cutime+cstime of /proc/self/stat). */
function cpuNow(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]?.split(' ') ?? [];
  const clockTicks = [11, 12, 13, 14].reduce((sum, index) => sum + Number(fields[index] ?? 0), 0);
  return clockTicks * 10; // USER_HZ is 100 on Linux
}

interface Mark {
  readonly wall: number;
  readonly cpu: number;
}

function mark(): Mark {
  return { wall: performance.now(), cpu: cpuNow() };
}

function between(from: Mark, to: Mark): PhaseTime {
  return { wallMs: to.wall - from.wall, cpuMs: to.cpu - from.cpu };
}

/** What a run found. */
export interface ClusterRunResult {
  readonly plan: ClusterPlan;
  readonly endpoints: readonly Endpoint[];
  readonly pods: readonly Pod[];
  readonly cells: readonly CellResult[];
  readonly leaks: readonly NodeLeakResult[];
  readonly times: PhaseTimes;
  /** The node configs as sent, by node. */
  readonly configs: ReadonlyMap<string, string>;
}

/** Options for {@link runCluster}. */
export interface ClusterRunOptions {
  readonly plan: ClusterPlan;
  readonly config: ClusterConfig;
  readonly cniPath: readonly string[];
  /** Per plugin call. */
  readonly timeoutMs: number;
  /** Root, or rootless in one user namespace of the run's. @defaultValue root when euid is 0, else rootless */
  readonly sandboxMode?: SandboxMode;
}

/** Sources probed at once. */
const SOURCES_IN_FLIGHT = 4;

async function inBatches<T, R>(
  items: readonly T[],
  size: number,
  body: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += size)
    results.push(...(await Promise.all(items.slice(start, start + size).map(body))));
  return results;
}

function snapshotNode(node: NodeRuntime): Promise<Snapshot> {
  return inspectNamespace(sandboxRunner(node.sandbox));
}

function endpointsOf(plan: ClusterPlan, pods: readonly Pod[]): Endpoint[] {
  const podEndpoints = pods.map(
    (pod): Endpoint => ({ name: pod.name, kind: 'pod', node: pod.node, address: pod.address }),
  );
  const nodes = plan.nodes.map(
    (node): Endpoint => ({ name: node.name, kind: 'node', node: node.name, address: node.underlayAddress }),
  );
  const outside: Endpoint = { name: OUTSIDE_NS, kind: 'outside', node: '', address: plan.outsideAddress };
  return [...podEndpoints, ...nodes, outside];
}

function listenersOf(node: NodePlan): Listener[] {
  return [
    { name: node.name, place: { node: node.name } },
    ...node.pods.map((pod) => ({ name: pod, place: { node: node.name, inside: pod } })),
    ...(node.index === 0 ? [{ name: OUTSIDE_NS, place: { node: node.name, inside: OUTSIDE_NS } }] : []),
  ];
}

/** Runs every probe of one source in one script and judges the cells. */
async function probeSource(
  topology: ClusterTopology,
  source: Endpoint,
  cells: readonly { index: number; cell: Cell }[],
  sourceMtu: number,
): Promise<CellResult[]> {
  const place = source.kind === 'pod' ? { node: source.node, inside: source.name } : { node: source.node };
  const script = probeScript(cells, sourceMtu);
  const outcome = await topology
    .sandboxOf(source.node)
    .command(['sh', '-c', script], { container: place.inside, timeoutMs: 60_000 });
  const raw = parseProbeOutput(outcome.stdout);
  return cells.map(({ index, cell }) => {
    const probes = cell.probes.map((probe) => judgeProbe(cell, probe, raw.get(index)?.get(probe)));
    return { cell, probes, ok: probes.every((probe) => probe.ok) };
  });
}

async function probeMatrix(
  topology: ClusterTopology,
  endpoints: readonly Endpoint[],
  pods: readonly Pod[],
  plan: ClusterPlan,
) {
  const masquerade = new Map(
    plan.nodes.map((node) => [node.name, nodeAddresses(node, plan.gatewayToOutside)]),
  );
  const cells = matrixCells(endpoints, masquerade).map((cell, index) => ({ index, cell }));
  const sources = endpoints.filter((endpoint) => cells.some(({ cell }) => cell.source === endpoint));
  const mtuOf = (source: Endpoint) => pods.find((pod) => pod.name === source.name)?.mtu ?? 1500;
  const bySource = await inBatches(sources, SOURCES_IN_FLIGHT, (source) =>
    probeSource(
      topology,
      source,
      cells.filter(({ cell }) => cell.source === source),
      mtuOf(source),
    ),
  );
  return bySource.flat();
}

function leakVerdict(
  node: string,
  before: Snapshot,
  after: Snapshot,
  delErrors: ReadonlyMap<string, string>,
): NodeLeakResult {
  const diff = diffSnapshots(before, after);
  const leftovers = leaks(diff);
  const problems = [...before.problems, ...after.problems].map((problem) => `inspector: ${problem}`);
  const errors = [...delErrors].map(([pod, error]) => `DEL ${pod}: ${error}`);
  const ok = leftovers.length === 0 && problems.length === 0 && errors.length === 0;
  return { node, ok, detail: [...errors, ...problems, formatDiff(diff)].filter(Boolean).join('\n') };
}

/** Builds the cluster, probes the matrix, tears it down; the topology is destroyed whatever happens. */
export async function runCluster(options: ClusterRunOptions): Promise<ClusterRunResult> {
  const { plan } = options;
  const started = mark();
  const topology = await buildTopology(plan, options.sandboxMode, options.cniPath);
  try {
    const topologyDone = mark();
    const configs = new Map(
      plan.nodes.map((node) => [node.name, nodeConfig(options.config, node.podCidr, plan.mode)]),
    );
    const nodes = plan.nodes.map((node) =>
      nodeRuntime(
        node,
        topology.sandboxOf(node.name),
        configs.get(node.name) ?? '',
        options.cniPath,
        options.timeoutMs,
      ),
    );
    const before = await Promise.all(nodes.map(snapshotNode));
    const pods = (await Promise.all(nodes.map((node) => addPods(node, topology.runId)))).flat();
    await Promise.all(
      plan.nodes.map((node) =>
        topology.runScript({ node: node.name }, startListenersScript(listenersOf(node)), 'start listeners'),
      ),
    );
    const addDone = mark();
    const endpoints = endpointsOf(plan, pods);
    const cells = await probeMatrix(topology, endpoints, pods, plan);
    const probeDone = mark();
    await Promise.all(
      plan.nodes.map((node) =>
        topology.runScript({ node: node.name }, STOP_LISTENERS_SCRIPT, 'stop listeners'),
      ),
    );
    const delErrors = await Promise.all(nodes.map((node) => deletePods(node, pods)));
    const after = await Promise.all(nodes.map(snapshotNode));
    const leakResults = nodes.map((node, index) =>
      leakVerdict(
        node.node.name,
        before[index] as Snapshot,
        after[index] as Snapshot,
        delErrors[index] ?? new Map(),
      ),
    );
    const delDone = mark();
    return {
      plan,
      endpoints,
      pods,
      cells,
      leaks: leakResults,
      configs,
      times: {
        topology: between(started, topologyDone),
        add: between(topologyDone, addDone),
        probe: between(addDone, probeDone),
        del: between(probeDone, delDone),
        totalMs: delDone.wall - started.wall,
      },
    };
  } finally {
    await topology.destroy();
  }
}
