/**
 * Pods: network namespaces inside their node's sandbox, attached and detached by the simulated runtime
 * with the node's config, the way kubelet drives a CNI runtime (K8S_* CNI_ARGS included).
 */
import { join } from 'node:path';
import { formatParseIssues, HarnessError } from '../errors.ts';
import type { NetworkConfigList, OperationOutcome } from '../runtime/index.ts';
import { type Attachment, parseNetworkConfigList, Runtime } from '../runtime/index.ts';
import { currentRunDir } from '../sandbox/run-dir.ts';
import type { Sandbox } from '../sandbox/sandbox.ts';
import type { NodePlan } from './plan.ts';

export const POD_IFNAME = 'eth0';

/** A pod as observed after ADD. */
export interface Pod {
  readonly name: string;
  readonly node: string;
  readonly attachment: Attachment;
  /** The IPv4 address on the pod's interface (observed, not taken from the result). */
  readonly address: string | undefined;
  readonly mtu: number | undefined;
  /** Set when ADD failed. */
  readonly addError: string | undefined;
}

/** One node's runtime and config. */
export interface NodeRuntime {
  readonly node: NodePlan;
  readonly sandbox: Sandbox;
  readonly runtime: Runtime;
  readonly list: NetworkConfigList;
}

/** Builds the node's runtime: plugins run in the node's sandbox; the result cache sits in the run directory. */
export function nodeRuntime(
  node: NodePlan,
  sandbox: Sandbox,
  configBytes: string,
  cniPath: readonly string[],
  timeoutMs: number,
): NodeRuntime {
  const parsed = parseNetworkConfigList(configBytes, `${node.name} config`);
  if (!parsed.ok) {
    throw new HarnessError(
      'CNI_CONFORMANCE_CONFIG_INVALID',
      `cluster config: ${formatParseIssues(parsed.issues)}`,
    );
  }
  const cacheDir = join(currentRunDir(), `${sandbox.id}-cache`);
  return {
    node,
    sandbox,
    runtime: new Runtime({ executor: sandbox, cniPath, cacheDir, timeoutMs }),
    list: parsed.value,
  };
}

function attachmentOf(pod: string, runId: string, netns: string): Attachment {
  const containerId = `${pod}-${runId}`;
  return {
    containerId,
    netns,
    ifname: POD_IFNAME,
    cniArgs: [
      ['IgnoreUnknown', '1'],
      ['K8S_POD_NAMESPACE', 'default'],
      ['K8S_POD_NAME', pod],
      ['K8S_POD_INFRA_CONTAINER_ID', containerId],
    ],
  };
}

/** The chain error of a failed operation, as one line. */
export function outcomeError(outcome: OperationOutcome): string | undefined {
  return outcome.ok ? undefined : outcome.error.message;
}

async function observe(sandbox: Sandbox, pod: string): Promise<{ address?: string; mtu?: number }> {
  const outcome = await sandbox.command(['ip', '-o', '-4', 'addr', 'show', 'dev', POD_IFNAME], {
    container: pod,
  });
  const link = await sandbox.command(['ip', '-o', 'link', 'show', 'dev', POD_IFNAME], { container: pod });
  const address = /inet (\d+\.\d+\.\d+\.\d+)\//.exec(outcome.stdout)?.[1];
  const mtu = Number(/ mtu (\d+)/.exec(link.stdout)?.[1]);
  return { ...(address ? { address } : {}), ...(mtu > 0 ? { mtu } : {}) };
}

/** Creates and ADDs the node's pods one after another (they share the node's bridge and IPAM store). */
export async function addPods(node: NodeRuntime, runId: string): Promise<Pod[]> {
  const pods: Pod[] = [];
  for (const name of node.node.pods) {
    const container = await node.sandbox.addContainer(name);
    const attachment = attachmentOf(name, runId, container.netnsPath);
    const outcome = await node.runtime.addNetworkList(node.list, attachment);
    const seen = outcome.ok ? await observe(node.sandbox, name) : {};
    pods.push({
      name,
      node: node.node.name,
      attachment,
      address: seen.address,
      mtu: seen.mtu,
      addError: outcomeError(outcome),
    });
  }
  return pods;
}

/** DELs every pod of the node and removes its namespace; returns the DEL errors by pod. */
export async function deletePods(node: NodeRuntime, pods: readonly Pod[]): Promise<Map<string, string>> {
  const errors = new Map<string, string>();
  for (const pod of pods.filter((p) => p.node === node.node.name)) {
    const outcome = await node.runtime.delNetworkList(node.list, pod.attachment);
    const error = outcomeError(outcome);
    if (error) errors.set(pod.name, error);
    await node.sandbox.removeContainer(pod.name);
  }
  return errors;
}
