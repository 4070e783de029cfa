/**
 * Derives the request configuration a plugin reads on stdin from its configured object (SPEC.md "Deriving execution configuration from plugin configuration", R-REQ-*):
 * `name` and `cniVersion` injected; for ADD/DEL/CHECK `runtimeConfig` holds only capabilities the plugin
 * declares true AND the caller supplies, plus `prevResult` and `args`; GC gets the valid attachments under
 * both keys; `capabilities` is removed (spec 1.0 MUST) unless libcni compatibility keeps it.
 */
import type { Verb } from '../spec/versions.ts';
import type { JsonObject } from './network-config.ts';

/** One still-valid attachment named to GC (exact key case, SPEC.md "GC"). */
export interface GcAttachment {
  readonly containerID: string;
  readonly ifname: string;
}

/** The GC key of the current spec text, and the key of the spec-v1.1.0 tag that libcni also sends. */
export const VALID_ATTACHMENTS_KEY = 'cni.dev/valid-attachments';
export const LEGACY_ATTACHMENTS_KEY = 'cni.dev/attachments';

/** What goes into one plugin's request besides its own object. */
export interface RequestOptions {
  readonly verb: Verb;
  readonly name: string;
  readonly cniVersion: string;
  readonly prevResult?: unknown;
  readonly capabilityArgs?: Readonly<Record<string, unknown>>;
  readonly args?: Readonly<Record<string, unknown>>;
  /** GC only; undefined sends no key (libcni with nil args), an array sends both keys. */
  readonly validAttachments?: readonly GcAttachment[];
  /** Leave `capabilities` and authored `runtimeConfig` in place, as libcni does. */
  readonly libcniCompat: boolean;
}

/** The declared∩supplied capabilities, or undefined when none match (libcni then omits the key). */
export function buildRuntimeConfig(
  plugin: JsonObject,
  capabilityArgs: Readonly<Record<string, unknown>> | undefined,
): Record<string, unknown> | undefined {
  const declared = plugin.capabilities;
  if (typeof declared !== 'object' || declared === null || !capabilityArgs) return undefined;
  const runtimeConfig: Record<string, unknown> = {};
  for (const [capability, enabled] of Object.entries(declared)) {
    if (enabled === true && Object.hasOwn(capabilityArgs, capability)) {
      runtimeConfig[capability] = capabilityArgs[capability];
    }
  }
  return Object.keys(runtimeConfig).length > 0 ? runtimeConfig : undefined;
}

function addAttachmentKeys(request: Record<string, unknown>, options: RequestOptions): void {
  // Runtime-generated keys: an authored value would reach the plugin as if the runtime had sent it.
  if (!options.libcniCompat) {
    delete request.runtimeConfig;
    delete request.prevResult;
  }
  const runtimeConfig = buildRuntimeConfig(request, options.capabilityArgs);
  if (runtimeConfig) request.runtimeConfig = runtimeConfig;
  if (options.prevResult !== undefined) request.prevResult = options.prevResult;
  if (options.args !== undefined) request.args = options.args;
}

/** Builds the request object for one plugin call. */
export function buildRequestConfig(plugin: JsonObject, options: RequestOptions): Record<string, unknown> {
  const request: Record<string, unknown> = {
    ...plugin,
    name: options.name,
    cniVersion: options.cniVersion,
  };
  // `args` and `cni.dev/*` are runtime-generated (R-REQ-7): authored values would pass as the runtime's own.
  if (!options.libcniCompat) {
    for (const key of Object.keys(request))
      if (key === 'args' || key.startsWith('cni.dev/')) delete request[key];
  }
  const { verb } = options;
  if (verb === 'ADD' || verb === 'DEL' || verb === 'CHECK') addAttachmentKeys(request, options);
  if (verb === 'GC' && options.validAttachments !== undefined) {
    request[VALID_ATTACHMENTS_KEY] = options.validAttachments;
    request[LEGACY_ATTACHMENTS_KEY] = options.validAttachments;
  }
  if (!options.libcniCompat) delete request.capabilities;
  return request;
}
