/**
 * Adapter `simulated`: the project's own runtime (src/runtime, a spec-exact libcni) driven as a daemon would
 * drive it: per-container serialisation and GC exclusive with ADD/DEL/CHECK. Every seam a fault needs is an
 * option, so fixtures/faulty-runtimes can break one rule at a time.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { NetworkConfigList } from '../../runtime/network-config.ts';
import type { OperationOutcome } from '../../runtime/outcome.ts';
import { Runtime, type RuntimeOptions } from '../../runtime/runtime.ts';
import { hostExecutor } from '../../sandbox/host-executor.ts';
import type { Executor } from '../../sandbox/process.ts';
import type { AdapterOutcome, AttachmentRequest, RuntimeAdapter, ValidAttachment } from '../adapter.ts';
import type { Workspace } from '../workspace.ts';
import { KeyedMutex, SharedExclusiveLock } from './locks.ts';

type ChainVerb = 'ADD' | 'DEL' | 'CHECK' | 'GC' | 'STATUS';

/** Seams of the simulated adapter; the defaults make a correct runtime. */
export interface SimulatedAdapterOptions {
  /** Runtime switches (libcniCompat, delOnAddFailure, checkRequiresCache). @defaultValue {} */
  readonly runtime?: Pick<
    RuntimeOptions,
    'libcniCompat' | 'delOnAddFailure' | 'checkRequiresCache' | 'probeVersions'
  >;
  /** Wraps the executor plugins run through. */
  readonly wrapExecutor?: (executor: Executor) => Executor;
  /** Rewrites the loaded list before an operation. */
  readonly transformList?: (list: NetworkConfigList, verb: ChainVerb) => NetworkConfigList;
  /** One operation at a time per container (R-LIFE-1). @defaultValue true */
  readonly serializeContainers?: boolean;
  /** GC excludes ADD/DEL/CHECK (R-GC-3). @defaultValue true */
  readonly exclusiveGc?: boolean;
  /** Drop the cached result before DEL (a runtime that loses its cache). @defaultValue false */
  readonly loseCacheBeforeDel?: boolean;
  /** Report plugin errors to the caller. @defaultValue true */
  readonly reportErrors?: boolean;
  /** The CNI_PATH directories, in search order. @defaultValue workspace.cniPath */
  readonly cniPath?: readonly string[];
  /** @defaultValue "simulated" */
  readonly name?: string;
}

function toAdapterOutcome(outcome: OperationOutcome, reportErrors: boolean): AdapterOutcome {
  if (outcome.ok || !reportErrors) return { ok: true };
  return {
    ok: false,
    error: { code: outcome.error.code, msg: outcome.error.msg, text: outcome.error.message },
  };
}

/** Builds the simulated adapter over a workspace. */
export function createSimulatedAdapter(
  workspace: Workspace,
  options: SimulatedAdapterOptions = {},
): RuntimeAdapter {
  const executor = options.wrapExecutor ? options.wrapExecutor(hostExecutor) : hostExecutor;
  const cniPath = options.cniPath ?? workspace.cniPath;
  const runtime = new Runtime({
    executor,
    cniPath,
    cacheDir: workspace.cacheDir,
    ...options.runtime,
  });
  const containers = new KeyedMutex();
  const gcLock = new SharedExclusiveLock();
  const serialize = options.serializeContainers ?? true;
  const exclusiveGc = options.exclusiveGc ?? true;
  const reportErrors = options.reportErrors ?? true;

  async function load(network: string, verb: ChainVerb): Promise<NetworkConfigList> {
    const list = await runtime.loadNetworkList(workspace.confDir, network);
    return options.transformList ? options.transformList(list, verb) : list;
  }

  function guarded(containerId: string, body: () => Promise<OperationOutcome>): Promise<AdapterOutcome> {
    const inContainer = () => (serialize ? containers.run(containerId, body) : body());
    const run = exclusiveGc ? gcLock.runShared(inContainer) : inContainer();
    return run.then((outcome) => toAdapterOutcome(outcome, reportErrors));
  }

  function attachment(request: AttachmentRequest) {
    const { containerId, netns, ifname, capabilityArgs } = request;
    return { containerId, netns, ifname, ...(capabilityArgs ? { capabilityArgs } : {}) };
  }

  return {
    name: options.name ?? 'simulated',
    supports: new Set<ChainVerb>(['ADD', 'DEL', 'CHECK', 'GC', 'STATUS']),
    cacheDir: workspace.cacheDir,
    cniPath,
    add: (request) =>
      guarded(request.containerId, async () =>
        runtime.addNetworkList(await load(request.network, 'ADD'), attachment(request)),
      ),
    check: (request) =>
      guarded(request.containerId, async () =>
        runtime.checkNetworkList(await load(request.network, 'CHECK'), attachment(request)),
      ),
    del: (request) =>
      guarded(request.containerId, async () => {
        if (options.loseCacheBeforeDel) {
          const file = `${request.network}-${request.containerId}-${request.ifname}`;
          await rm(join(workspace.cacheDir, 'results', file), { force: true });
        }
        return runtime.delNetworkList(await load(request.network, 'DEL'), attachment(request));
      }),
    async gc(network: string, valid: readonly ValidAttachment[]) {
      const body = async () =>
        runtime.gcNetworkList(
          await load(network, 'GC'),
          valid.map((v) => ({ containerID: v.containerID, ifname: v.ifname })),
        );
      const outcome = exclusiveGc ? await gcLock.runExclusive(body) : await body();
      return toAdapterOutcome(outcome, reportErrors);
    },
    async status(network: string) {
      return toAdapterOutcome(
        await runtime.getStatusNetworkList(await load(network, 'STATUS')),
        reportErrors,
      );
    },
  };
}
