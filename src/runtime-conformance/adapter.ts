/**
 * The seam between a scenario and the runtime under test. An adapter triggers lifecycle events the way the
 * runtime's users do (a daemon call, a CLI, a library call); the spies record what reached the plugins.
 */
import type { Workspace } from './workspace.ts';

/** One attachment a scenario asks the runtime to wire up or tear down. */
export interface AttachmentRequest {
  readonly network: string;
  readonly containerId: string;
  /** CNI_NETNS; empty on DEL when the scenario already removed the namespace. */
  readonly netns: string;
  readonly ifname: string;
  /** Capability arguments (portMappings, mac, …) the runtime is given. */
  readonly capabilityArgs?: Readonly<Record<string, unknown>>;
}

/** A GC attachment as the spec spells it. */
export interface ValidAttachment {
  readonly containerID: string;
  readonly ifname: string;
}

/** What the runtime answered: success, or its error (a CNI code when it exposes one, else its text). */
export interface AdapterOutcome {
  readonly ok: boolean;
  readonly error?: { readonly code?: number; readonly msg?: string; readonly text?: string };
}

/** Drives one runtime. Adapters never throw for a runtime's refusal; they report it in the outcome. */
export interface RuntimeAdapter {
  readonly name: string;
  /** Which verbs the adapter can trigger; scenarios needing others are skipped with the reason. */
  readonly supports: ReadonlySet<'ADD' | 'DEL' | 'CHECK' | 'GC' | 'STATUS'>;
  /** Highest CNI version the runtime supports; scenario lists above it are written at it. @defaultValue "1.1.0" */
  readonly maxVersion?: string;
  add(request: AttachmentRequest): Promise<AdapterOutcome>;
  check(request: AttachmentRequest): Promise<AdapterOutcome>;
  del(request: AttachmentRequest): Promise<AdapterOutcome>;
  gc(network: string, valid: readonly ValidAttachment[]): Promise<AdapterOutcome>;
  status(network: string): Promise<AdapterOutcome>;
  /** False when the runtime cannot be given capability arguments (they are then left out of the scenario). @defaultValue true */
  readonly acceptsCapabilityArgs?: boolean;
  /**
   * The result cache root the runtime uses (libcni layout `<cacheDir>/results/<network>-<cid>-<ifname>`), when
   * the harness can see it; R-DEL-4 is judged on the file itself only then. @defaultValue unknown
   */
  readonly cacheDir?: string;
  /**
   * The CNI_PATH directories the runtime searches, in order, when it takes the workspace's; a scenario that
   * needs the second directory (R-ENV-7) is skipped when it is not listed. @defaultValue [workspace.binDir]
   */
  readonly cniPath?: readonly string[];
  /**
   * The network namespace the runtime runs plugins from, as `readlink /proc/<pid>/ns/net` spells it
   * (`net:[inode]`), when that is not the harness's own (a runtime confined to a private netns so that it
   * never touches the host's network). R-ENV-1 compares every spy's netns with it.
   * @defaultValue the harness's netns (workspace.hostNetns)
   */
  readonly runtimeNetns?: string;
  /**
   * The CNI_CONTAINERID the runtime really used for `request` (a runtime that names containers with its own
   * IDs), for the cache file `<cacheDir>/results/<network>-<cid>-<ifname>` (R-DEL-4); undefined when unknown.
   * Called right after each ADD and DEL. @defaultValue request.containerId
   */
  runtimeContainerId?(request: AttachmentRequest): string | undefined;
  /** Releases what the adapter started (daemons). */
  close?(): Promise<void>;
}

/** Builds an adapter for a prepared workspace (conf dir, CNI_PATH with spies, cache dir). */
export type AdapterFactory = (workspace: Workspace) => RuntimeAdapter | Promise<RuntimeAdapter>;
