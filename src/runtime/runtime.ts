/**
 * The simulated runtime: a spec-exact libcni in TypeScript. It runs plugin chains through an injected
 * Executor, so the same runtime drives plugins on the real host (cnitool mode) or inside a sandbox.
 *
 * Lifecycle of one operation:
 * - with `serializeOperations`: wait until no other operation of the container runs (GC: of the network)
 * - resolve the version (the list's pick, or the highest every plugin reports when probing VERSION)
 * - validate the container ID, network name and ifname (ADD, CHECK, DEL) before any exec
 * - per plugin: find `type` on CNI_PATH, derive env and request, exec, record the call (`onInvocation`)
 * - ADD writes the result cache; DEL removes it; GC deletes stale cached attachments first
 */
import type { Executor } from '../sandbox/process.ts';
import type { Verb } from '../spec/versions.ts';
import { runAdd } from './add.ts';
import { attachmentFromCache, DEFAULT_CACHE_DIR, readCacheEntry } from './cache.ts';
import { runCheck } from './check.ts';
import type { InvocationEvent, RuntimeContext } from './context.ts';
import { runDel } from './del.ts';
import type { Attachment } from './env.ts';
import { nodeFileSystem, type RuntimeFileSystem } from './file-system.ts';
import { runGc } from './gc.ts';
import { loadNetworkList } from './load-config.ts';
import { OperationLocks } from './locks.ts';
import type { NetworkConfigList } from './network-config.ts';
import { OperationRun } from './operation.ts';
import type { OperationOutcome } from './outcome.ts';
import type { GcAttachment } from './request.ts';
import { runStatus } from './status.ts';
import { resolveVersion } from './version-probe.ts';

/** How to build a {@link Runtime}. */
export interface RuntimeOptions {
  /** Where plugins run: `hostExecutor` (cnitool mode) or a Sandbox. */
  readonly executor: Executor;
  /** CNI_PATH directories, searched in order. */
  readonly cniPath: readonly string[];
  /** Result cache root. @defaultValue "/var/lib/cni" */
  readonly cacheDir?: string;
  /**
   * Behave as libcni where it deviates from the spec: keep `capabilities` (and authored `runtimeConfig`) in
   * requests, send all six CNI_* variables on every verb, no DEL after a failed ADD, CHECK without a cached
   * result, identifiers validated on ADD only, no `netns` in the cache (libcni 1.1's cniCacheV1), no GC key when
   * no valid list is given.
   * @defaultValue false
   */
  readonly libcniCompat?: boolean;
  /** Per-plugin-call timeout; the executor's default when undefined. */
  readonly timeoutMs?: number;
  /** Extra variables for every plugin, under the CNI_* ones (cnitool passes its own environment). @defaultValue {} */
  readonly env?: Readonly<Record<string, string>>;
  /** Probe each plugin with VERSION and pick the highest version all support. @defaultValue false */
  readonly probeVersions?: boolean;
  /** Run the DEL chain after a failed ADD (R-ADD-3). @defaultValue !libcniCompat */
  readonly delOnAddFailure?: boolean;
  /** Refuse CHECK for an attachment without a cached result (R-CHK-1). @defaultValue !libcniCompat */
  readonly checkRequiresCache?: boolean;
  /**
   * Serialise operations as the spec requires of a runtime: one at a time per container, GC alone on its
   * network (R-LIFE-1, R-GC-3). Off by default because callers that act as a daemon usually hold their own
   * locks (the runtime-conformance `simulated` adapter does, and switches them off to provoke faults).
   * @defaultValue false
   */
  readonly serializeOperations?: boolean;
  /** Called after every plugin call. */
  readonly onInvocation?: (event: InvocationEvent) => void;
  /** File access for conf dirs, CNI_PATH lookup and the cache. @defaultValue nodeFileSystem */
  readonly fileSystem?: RuntimeFileSystem;
  /** Retries after "text file busy". @defaultValue 5 */
  readonly busyRetries?: number;
  /** @defaultValue 100 */
  readonly busyRetryDelayMs?: number;
}

/** Resolves every option to its default once. */
export function resolveRuntimeOptions(options: RuntimeOptions): RuntimeContext {
  const libcniCompat = options.libcniCompat ?? false;
  return {
    executor: options.executor,
    cniPath: options.cniPath,
    cacheDir: options.cacheDir ?? DEFAULT_CACHE_DIR,
    libcniCompat,
    timeoutMs: options.timeoutMs,
    baseEnv: options.env ?? {},
    fileSystem: options.fileSystem ?? nodeFileSystem,
    onInvocation: options.onInvocation,
    busyRetries: options.busyRetries ?? 5,
    busyRetryDelayMs: options.busyRetryDelayMs ?? 100,
    delOnAddFailure: options.delOnAddFailure ?? !libcniCompat,
    checkRequiresCache: options.checkRequiresCache ?? !libcniCompat,
    probeVersions: options.probeVersions ?? false,
    serializeOperations: options.serializeOperations ?? false,
    versionCache: new Map(),
  };
}

/** A CNI runtime. Every method returns an {@link OperationOutcome}; none throws for what a plugin does. */
export class Runtime {
  readonly context: RuntimeContext;
  private readonly locks = new OperationLocks();

  constructor(options: RuntimeOptions) {
    this.context = resolveRuntimeOptions(options);
  }

  /** Loads a network by name from a conf dir (libcni rules); throws a HarnessError when missing or broken. */
  loadNetworkList(confDir: string, network: string): Promise<NetworkConfigList> {
    return loadNetworkList(confDir, network, this.context.fileSystem);
  }

  /**
   * What the cache holds for one attachment (libcni's GetNetworkListCachedResult and ...CachedConfig): the
   * attachment as ADDed (netns, CNI_ARGS, capability arguments), the cached result and the config bytes.
   * Undefined when nothing (or nothing readable) is cached.
   */
  async getCachedAttachment(
    network: string,
    containerId: string,
    ifname: string,
  ): Promise<{ attachment: Attachment; result: unknown; configBytes: string } | undefined> {
    const key = { containerId, ifname, netns: '' };
    const entry = await readCacheEntry(this.context.cacheDir, network, key, this.context.fileSystem);
    if (!entry?.ok) return undefined;
    const configBytes = Buffer.from(entry.value.config, 'base64').toString('utf8');
    return { attachment: attachmentFromCache(entry.value), result: entry.value.result, configBytes };
  }

  /** ADD: list order, prevResult chaining, result cached. */
  addNetworkList(list: NetworkConfigList, attachment: Attachment): Promise<OperationOutcome> {
    return this.operate(list, 'ADD', (run) => runAdd(this.context, run, attachment), attachment);
  }

  /** CHECK: list order, cached result as prevResult. */
  checkNetworkList(list: NetworkConfigList, attachment: Attachment): Promise<OperationOutcome> {
    return this.operate(list, 'CHECK', (run) => runCheck(this.context, run, attachment), attachment);
  }

  /** DEL: reverse order, cached result as prevResult, cache removed. */
  delNetworkList(list: NetworkConfigList, attachment: Attachment): Promise<OperationOutcome> {
    return this.operate(list, 'DEL', (run) => runDel(this.context, run, attachment), attachment);
  }

  /** GC: DELs for stale cached attachments, then GC to every plugin; `validAttachments` undefined = none given. */
  gcNetworkList(
    list: NetworkConfigList,
    validAttachments?: readonly GcAttachment[],
  ): Promise<OperationOutcome> {
    return this.operate(list, 'GC', (run) => runGc(this.context, run, validAttachments));
  }

  /** STATUS: every plugin in order, first error returned. */
  getStatusNetworkList(list: NetworkConfigList): Promise<OperationOutcome> {
    return this.operate(list, 'STATUS', (run) => runStatus(this.context, run));
  }

  /** Takes the operation's locks (STATUS needs none), resolves the version, runs the body. */
  private async operate(
    list: NetworkConfigList,
    verb: Verb,
    body: (run: OperationRun) => Promise<OperationOutcome>,
    attachment?: Attachment,
  ): Promise<OperationOutcome> {
    const release = await this.lock(list.name, verb, attachment);
    try {
      const run = new OperationRun(this.context, list, verb);
      const versionError = await resolveVersion(this.context, run);
      if (versionError) return run.fail([versionError]);
      return await body(run);
    } finally {
      release();
    }
  }

  private lock(network: string, verb: Verb, attachment: Attachment | undefined): Promise<() => void> {
    if (!this.context.serializeOperations || verb === 'STATUS') return Promise.resolve(() => {});
    if (attachment) return this.locks.lockAttachment(network, attachment.containerId);
    return this.locks.lockNetwork(network);
  }
}
