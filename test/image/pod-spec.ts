/**
 * The Sonobuoy plugin definition (sonobuoy/cni-conformance.yaml) read as the pod Sonobuoy makes of it, and turned
 * into the `docker run` arguments that reproduce that pod on this host: same image, command, env, capabilities,
 * security options, mounts and network isolation. Derived from the YAML so the test runs what a cluster runs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import type { IVolume } from 'kubernetes-models/v1/Volume';
import { parse } from 'yaml';

export const PLUGIN_FILE = join(new URL('../..', import.meta.url).pathname, 'sonobuoy/cni-conformance.yaml');

/** The plugin definition's parts (Sonobuoy's own keys). */
export interface PluginDefinition {
  readonly 'sonobuoy-config': {
    readonly driver: string;
    readonly 'plugin-name': string;
    readonly 'result-format': string;
  };
  readonly podSpec: IPodSpec;
  readonly spec: IContainer;
  readonly 'extra-volumes'?: readonly IVolume[];
}

export function readPluginDefinition(): PluginDefinition {
  return parse(readFileSync(PLUGIN_FILE, 'utf8')) as PluginDefinition;
}

/** What stands in for the cluster: host paths for the node's hostPath volumes, a dir for Sonobuoy's emptyDir. */
export interface NodeStandIn {
  /** hostPath on the node → the directory on this host that plays it (e.g. /opt/cni/bin → /usr/lib/cni). */
  readonly hostPaths: Readonly<Record<string, string>>;
  /** The emptyDir volumes Sonobuoy adds (`results`) → a directory here. */
  readonly emptyDirs: Readonly<Record<string, string>>;
  /** Env values the downward API or the user would set (override the YAML's). */
  readonly env?: Readonly<Record<string, string>>;
  readonly image?: string;
}

const SECURITY_OPTS: Readonly<Record<string, string>> = { Unconfined: 'unconfined' };

/** `docker run` arguments (after `run`) for the plugin container of the pod. */
export function dockerRunArgs(definition: PluginDefinition, node: NodeStandIn): string[] {
  const { podSpec, spec } = definition;
  const args: string[] = [];
  // hostNetwork false: the pod has a network namespace of its own, never the node's.
  args.push('--network', podSpec.hostNetwork ? 'host' : 'none');
  if (podSpec.hostPID) args.push('--pid', 'host');
  if (podSpec.hostIPC) args.push('--ipc', 'host');
  const security = spec.securityContext ?? {};
  if (security.privileged) args.push('--privileged');
  for (const cap of security.capabilities?.add ?? []) args.push('--cap-add', cap);
  for (const cap of security.capabilities?.drop ?? []) args.push('--cap-drop', cap);
  const seccomp = security.seccompProfile?.type;
  if (seccomp) args.push('--security-opt', `seccomp=${SECURITY_OPTS[seccomp] ?? 'default'}`);
  const apparmor = security.appArmorProfile?.type;
  if (apparmor) args.push('--security-opt', `apparmor=${SECURITY_OPTS[apparmor] ?? 'docker-default'}`);
  const volumes = new Map((definition['extra-volumes'] ?? []).map((v) => [v.name, v]));
  for (const mount of spec.volumeMounts ?? []) {
    const volume = volumes.get(mount.name);
    const source = volume?.hostPath ? node.hostPaths[volume.hostPath.path] : node.emptyDirs[mount.name];
    if (!source) throw new Error(`volume ${mount.name} has no stand-in on this host`);
    args.push('-v', `${source}:${mount.mountPath}${mount.readOnly ? ':ro' : ''}`);
  }
  const env = new Map<string, string>();
  for (const variable of spec.env ?? []) env.set(variable.name, variable.value ?? '');
  for (const [name, value] of Object.entries(node.env ?? {})) env.set(name, value);
  for (const [name, value] of env) args.push('-e', `${name}=${value}`);
  const [entrypoint, ...commandRest] = spec.command ?? [];
  if (entrypoint) args.push('--entrypoint', entrypoint);
  args.push(node.image ?? spec.image ?? '');
  args.push(...commandRest, ...(spec.args ?? []));
  return args;
}
