/**
 * The live topology: one sandbox per node (its own root network namespace, /run, /var/lib/cni and /tmp, so
 * host-local leases and netns names stay per node) plus one for the underlay fabric. Sandboxes are the
 * project's ordinary ones: recorded in the run directory, gone with the harness even after SIGKILL, and
 * `cni-conformance clean` finishes what a crashed run left. Rootless, the fabric's user namespace is the
 * run's: every node sandbox joins it, so that one unprivileged user namespace owns every network namespace
 * of the cluster and can put a veth between any two of them.
 */
import { randomBytes } from 'node:crypto';
import { HarnessError } from '../errors.ts';
import { userNamespaceEntry } from '../sandbox/holder.ts';
import { createSandbox, defaultSandboxMode } from '../sandbox/netns.ts';
import type { ProcessOutcome } from '../sandbox/process.ts';
import { runCommand } from '../sandbox/quick-command.ts';
import { recordedInitPid } from '../sandbox/run-dir.ts';
import type { Sandbox, SandboxMode } from '../sandbox/sandbox.ts';
import type { ClusterPlan } from './plan.ts';
import { checkClusterPrerequisites } from './prerequisites.ts';
import { OUTSIDE_NS, type Place, type Step, topologySteps, underlayLinks } from './steps.ts';

/** Sandbox ids of one cluster: `cluster-<run>-fabric`, `cluster-<run>-node0`, … */
export const CLUSTER_SANDBOX_PREFIX = 'cluster-';

/** The running cluster's namespaces. */
export interface ClusterTopology {
  readonly runId: string;
  readonly fabric: Sandbox;
  /** Node sandboxes by node name. */
  readonly nodes: ReadonlyMap<string, Sandbox>;
  /** A node's sandbox; throws for an unknown node. */
  sandboxOf(node: string): Sandbox;
  /** Runs a shell script in a place; throws with the step's name when it fails. */
  runScript(place: Place, script: string, what: string, timeoutMs?: number): Promise<string>;
  destroy(): Promise<void>;
}

/**
 * A set-up step that failed. Rootless, the likely cause is the kernel refusing something to a user namespace
 * (a device kind whose module only real root can load, say): the run stops there, no cell passes.
 */
function failure(what: string, outcome: ProcessOutcome, mode: SandboxMode): HarnessError {
  const why = outcome.stderr.trim().split('\n').slice(-2).join('; ') || `exit ${outcome.exitCode}`;
  const fix =
    mode === 'rootless'
      ? 'rootless, the kernel may refuse this in a user namespace (a module only root can load: `sudo modprobe vxlan`, say); or run as root'
      : undefined;
  return new HarnessError('CNI_CONFORMANCE_SANDBOX_FAILED', `cluster set-up: ${what} failed: ${why}`, {
    fix,
  });
}

class LiveTopology implements ClusterTopology {
  constructor(
    readonly runId: string,
    readonly fabric: Sandbox,
    readonly nodes: ReadonlyMap<string, Sandbox>,
  ) {}

  sandboxOf(node: string): Sandbox {
    const sandbox = node === 'fabric' ? this.fabric : this.nodes.get(node);
    if (!sandbox) throw new HarnessError('CNI_CONFORMANCE_USAGE', `no such node ${node}`);
    return sandbox;
  }

  async runScript(place: Place, script: string, what: string, timeoutMs = 10_000): Promise<string> {
    const outcome = await this.sandboxOf(place.node).command(['sh', '-ec', script], {
      container: place.inside,
      timeoutMs,
    });
    if (outcome.exitCode !== 0) throw failure(what, outcome, this.fabric.mode);
    return outcome.stdout;
  }

  async destroy(): Promise<void> {
    await Promise.all([this.fabric, ...this.nodes.values()].map((sandbox) => sandbox.destroy()));
  }
}

/**
 * Links the fabric to every node: veth pairs created straight into both namespaces, never on the host. `ip`
 * runs in the host's PID namespace (the PIDs name the ends); rootless, it enters the run's user namespace and
 * the fabric's network namespace, since the kernel asks for CAP_NET_ADMIN over the netlink socket's namespace too.
 */
async function linkUnderlay(plan: ClusterPlan, topology: LiveTopology): Promise<void> {
  const fabricPid = recordedInitPid(topology.fabric.id);
  const enter = topology.fabric.mode === 'rootless' ? [...userNamespaceEntry(fabricPid), '--net', '--'] : [];
  await Promise.all(
    underlayLinks(plan).map(async (link) => {
      const nodePid = recordedInitPid(topology.sandboxOf(link.node).id);
      const fabricEnd = [link.fabricEnd, 'netns', String(fabricPid), 'type', 'veth'];
      const nodeEnd = ['peer', 'name', link.nodeEnd, 'netns', String(nodePid)];
      const outcome = await runCommand([...enter, 'ip', 'link', 'add', ...fabricEnd, ...nodeEnd]);
      if (outcome.exitCode !== 0)
        throw failure(`underlay link of ${link.node}`, outcome, topology.fabric.mode);
    }),
  );
}

/**
 * The fabric and node sandboxes, all at once as root; rootless, the fabric first, since the nodes join its
 * user namespace.
 */
async function startSandboxes(
  plan: ClusterPlan,
  runId: string,
  mode: SandboxMode,
  visibleHostDirs: readonly string[],
): Promise<Sandbox[]> {
  const id = (name: string) => `${CLUSTER_SANDBOX_PREFIX}${runId}-${name}`;
  const fabric = mode === 'rootless' ? await createSandbox({ id: id('fabric'), mode }) : undefined;
  const userNamespaceOf = fabric ? recordedInitPid(fabric.id) : undefined;
  const started = await Promise.allSettled([
    fabric ?? createSandbox({ id: id('fabric'), mode }),
    ...plan.nodes.map((node) => createSandbox({ id: id(node.name), mode, userNamespaceOf, visibleHostDirs })),
  ]);
  const sandboxes = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const rejected = started.find((result) => result.status === 'rejected');
  if (rejected) {
    await Promise.all(sandboxes.map((sandbox) => sandbox.destroy()));
    throw rejected.reason;
  }
  return sandboxes;
}

/**
 * Starts the sandboxes, wires the underlay and runs every set-up step; destroys everything on failure.
 * `mode`: root, or rootless in one user namespace of the run's (the default when not root). `visibleHostDirs`: the
 * CNI_PATH the nodes run plugins from (a private CNI directory holding one shows the host's files).
 */
export async function buildTopology(
  plan: ClusterPlan,
  mode: SandboxMode = defaultSandboxMode(),
  visibleHostDirs: readonly string[] = [],
): Promise<ClusterTopology> {
  await checkClusterPrerequisites(mode);
  const runId = randomBytes(3).toString('hex');
  const [fabric, ...nodeSandboxes] = (await startSandboxes(plan, runId, mode, visibleHostDirs)) as [
    Sandbox,
    ...Sandbox[],
  ];
  const nodes = new Map(plan.nodes.map((node, index) => [node.name, nodeSandboxes[index] as Sandbox]));
  const topology = new LiveTopology(runId, fabric, nodes);
  try {
    await linkUnderlay(plan, topology);
    await topology.sandboxOf(plan.nodes[0]?.name ?? '').addContainer(OUTSIDE_NS);
    await runSteps(topology, topologySteps(plan));
  } catch (error) {
    await topology.destroy();
    throw error;
  }
  return topology;
}

/** Steps in order, except that consecutive steps in different places run in parallel. */
async function runSteps(topology: ClusterTopology, steps: readonly Step[]): Promise<void> {
  let batch: Step[] = [];
  const flush = async () => {
    await Promise.all(batch.map((step) => topology.runScript(step.place, step.script, step.what)));
    batch = [];
  };
  for (const step of steps) {
    const samePlace = batch.some(
      (s) => s.place.node === step.place.node && s.place.inside === step.place.inside,
    );
    const dependsOnOutside = step.place.inside !== undefined;
    if (samePlace || dependsOnOutside) await flush();
    batch.push(step);
  }
  await flush();
}
