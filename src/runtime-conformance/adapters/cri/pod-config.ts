/**
 * What the harness asks for, said in CRI's terms: the PodSandboxConfig for an attachment (capability arguments
 * become port mappings and bandwidth annotations, the only ones CRI turns into runtimeConfig), and the spy
 * result CRI insists on (an `eth0` interface holding an IP, or RunPodSandbox fails).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { SPY_CONTROL_FILE, type SpyControl, type SpyRule } from '../../../plugins/meta/spy/record.ts';
import type { AttachmentRequest } from '../../adapter.ts';
import type { Workspace } from '../../workspace.ts';
import type { CriPodSandboxConfig, CriPortMapping } from './client.ts';

type Json = Record<string, unknown>;

/** The CNI_IFNAME CRI always uses: a pod gets exactly one attachment. */
export const CRI_IFNAME = 'eth0';

function portMappingsOf(value: unknown): CriPortMapping[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((entry): entry is Json => typeof entry === 'object' && entry !== null)
    .map((entry) => ({
      protocol: String(entry.protocol ?? 'tcp').toUpperCase() as CriPortMapping['protocol'],
      container_port: Number(entry.containerPort ?? 0),
      host_port: Number(entry.hostPort ?? 0),
      host_ip: typeof entry.hostIP === 'string' ? entry.hostIP : '',
    }));
}

/** CRI reads bandwidth from the pod annotations (bits per second); bursts cannot be given. */
function bandwidthAnnotations(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null) return {};
  const { ingressRate, egressRate } = value as Json;
  return {
    ...(typeof ingressRate === 'number' ? { 'kubernetes.io/ingress-bandwidth': String(ingressRate) } : {}),
    ...(typeof egressRate === 'number' ? { 'kubernetes.io/egress-bandwidth': String(egressRate) } : {}),
  };
}

/** The sandbox config for an attachment; `attempt` keeps re-adds of one container distinct, as kubelet does. */
export function podSandboxConfig(
  request: AttachmentRequest,
  attempt: number,
  cgroupParent: string,
): CriPodSandboxConfig {
  const args = request.capabilityArgs ?? {};
  return {
    metadata: { name: request.containerId, uid: `cnc-${request.containerId}`, namespace: 'cnc', attempt },
    hostname: request.containerId,
    port_mappings: portMappingsOf(args.portMappings),
    annotations: bandwidthAnnotations(args.bandwidth),
    linux: { cgroup_parent: cgroupParent },
  };
}

/**
 * The error text without sandbox IDs: CRI names the 64-hex sandbox in every message, and its digits would
 * look like a surfaced CNI code to R-ERR-1.
 */
export function redactSandboxIds(text: string): string {
  return text.replace(/\b[0-9a-f]{64}\b/g, '<sandbox>');
}

async function loadedNetwork(confDir: string): Promise<Json | undefined> {
  // go-cni loads the first file (max_conf_num = 1) in name order.
  const files = (await readdir(confDir)).filter((f) => /\.(conflist|conf|json)$/.test(f)).sort();
  if (files[0] === undefined) return undefined;
  try {
    return JSON.parse(await readFile(join(confDir, files[0]), 'utf8')) as Json;
  } catch {
    return undefined;
  }
}

function eth0Rule(network: Json): SpyRule | undefined {
  const first = (Array.isArray(network.plugins) ? network.plugins[0] : network) as Json | undefined;
  if (typeof first?.type !== 'string') return undefined;
  const legacy = String(network.cniVersion ?? '').startsWith('0.');
  const ip = { address: '10.99.0.2/24', interface: 0, ...(legacy ? { version: '4' } : {}) };
  const result = { interfaces: [{ name: CRI_IFNAME, mac: '02:00:00:00:00:e0' }], ips: [ip] };
  return { type: first.type, verb: 'ADD', behaviour: { result } };
}

/**
 * Makes the first spy of the loaded list answer ADD with an `eth0` interface holding the IP (later spies still
 * append theirs), appended after the scenario's own rules so those win. CRI fails RunPodSandbox ("failed to
 * find network info") when the final result has no such interface; the spies' default names theirs after
 * themselves. Re-applied before every ADD because scenarios may rewrite the control file.
 */
export async function ensureEth0Result(workspace: Workspace): Promise<void> {
  const network = await loadedNetwork(workspace.confDir);
  const rule = network && eth0Rule(network);
  if (!rule) return;
  const text = await readFile(join(workspace.spyDir, SPY_CONTROL_FILE), 'utf8').catch(() => '{}');
  const control = JSON.parse(text) as SpyControl;
  const rules = control.rules ?? [];
  if (rules.some((existing) => isDeepStrictEqual(existing, rule))) return;
  await workspace.writeControl({ ...control, rules: [...rules, rule] });
}
