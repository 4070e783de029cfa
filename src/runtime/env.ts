/**
 * The CNI_* environment of one plugin call (P-ENV-*, R-ENV-3, R-ENV-6). Spec mode sends only the variables
 * the spec defines for the verb; libcni mode sends all six on every verb, empty where unused, as libcni does.
 */
import type { Verb } from '../spec/versions.ts';

/** One container attachment: the (container ID, ifname) pair a network is attached through. */
export interface Attachment {
  readonly containerId: string;
  /** The CNI_NETNS path; may be empty on DEL when the namespace is gone. */
  readonly netns: string;
  readonly ifname: string;
  /** CNI_ARGS pairs, in order. */
  readonly cniArgs?: readonly (readonly [string, string])[];
  /** Capability arguments offered to plugins that declare them (become `runtimeConfig`). */
  readonly capabilityArgs?: Readonly<Record<string, unknown>>;
  /** Runtime-generated `args` object (conventions: `args.cni.labels`, `args.cni.ips`), injected as is. */
  readonly args?: Readonly<Record<string, unknown>>;
}

/** Formats CNI_ARGS as `k=v;k2=v2`. */
export function formatCniArgs(pairs: readonly (readonly [string, string])[] | undefined): string {
  return (pairs ?? []).map(([key, value]) => `${key}=${value}`).join(';');
}

/** Options for {@link buildPluginEnv}. */
export interface PluginEnvOptions {
  readonly verb: Verb;
  /** Absent for GC, STATUS and VERSION. */
  readonly attachment: Attachment | undefined;
  readonly cniPath: readonly string[];
  /** Send all six CNI_* variables on every verb, empty where unused (libcni). */
  readonly libcniCompat: boolean;
}

/** Builds the CNI_* variables for one call. */
export function buildPluginEnv(options: PluginEnvOptions): Record<string, string> {
  const { verb, attachment, libcniCompat } = options;
  const path = options.cniPath.join(':');
  const cniArgs = formatCniArgs(attachment?.cniArgs);
  if (libcniCompat) {
    return {
      CNI_COMMAND: verb,
      CNI_CONTAINERID: attachment?.containerId ?? '',
      CNI_NETNS: attachment?.netns ?? '',
      CNI_ARGS: cniArgs,
      CNI_IFNAME: attachment?.ifname ?? '',
      CNI_PATH: path,
    };
  }
  const env: Record<string, string> = { CNI_COMMAND: verb };
  if (attachment && (verb === 'ADD' || verb === 'DEL' || verb === 'CHECK')) {
    env.CNI_CONTAINERID = attachment.containerId;
    if (attachment.netns !== '' || verb !== 'DEL') env.CNI_NETNS = attachment.netns;
    env.CNI_IFNAME = attachment.ifname;
    if (cniArgs !== '') env.CNI_ARGS = cniArgs;
  }
  if (verb !== 'VERSION') env.CNI_PATH = path;
  return env;
}
