/**
 * The kit a scenario plays with: container netns files, and lifecycle calls on the adapter, each recorded as an
 * operation line beside the spy records (with the attachment's cache file state when the adapter exposes it).
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { AdapterOutcome, AttachmentRequest, RuntimeAdapter, ValidAttachment } from './adapter.ts';
import type { Operation } from './log.ts';
import type { Workspace } from './workspace.ts';

/** Options of one attachment call inside a scenario. */
export interface KitAttachment {
  readonly network: string;
  readonly containerId: string;
  /** @defaultValue "eth0" */
  readonly ifname?: string;
  /** Netns name (created by `kit.container`); "" sends an empty CNI_NETNS. @defaultValue containerId */
  readonly netns?: string;
}

/** What a scenario's `play` gets. */
export interface ScenarioKit {
  readonly adapter: RuntimeAdapter;
  readonly workspace: Workspace;
  /** Creates a container netns named `name`. */
  container(name: string): Promise<string>;
  /** Removes a container netns (after its DEL, as a runtime does). */
  removeContainer(name: string): Promise<void>;
  add(attachment: KitAttachment): Promise<AdapterOutcome>;
  check(attachment: KitAttachment): Promise<AdapterOutcome>;
  del(attachment: KitAttachment): Promise<AdapterOutcome>;
  gc(network: string, valid: readonly ValidAttachment[]): Promise<AdapterOutcome>;
  status(network: string): Promise<AdapterOutcome>;
}

type Json = Readonly<Record<string, unknown>>;

/** libcni's result cache file of one attachment (R-CACHE-2). */
export function cacheFilePath(
  cacheDir: string,
  network: string,
  containerId: string,
  ifname: string,
): string {
  return join(cacheDir, 'results', `${network}-${containerId}-${ifname}`);
}

async function cacheFileState(
  adapter: RuntimeAdapter,
  op: Operation,
  request: AttachmentRequest | undefined,
): Promise<{ cacheFile?: { path: string; present: boolean } }> {
  if (!adapter.cacheDir || (op !== 'ADD' && op !== 'DEL') || !request?.containerId) return {};
  // A runtime that names containers itself caches under its own ID, not the harness's.
  const containerId = adapter.runtimeContainerId?.(request) ?? request.containerId;
  const path = cacheFilePath(adapter.cacheDir, request.network, containerId, request.ifname);
  const present = await stat(path).then(
    () => true,
    () => false,
  );
  return { cacheFile: { path, present } };
}

/** Builds the kit over an adapter; `capabilityArgs` go with every ADD/DEL/CHECK. */
export function buildKit(
  capabilityArgs: Json | undefined,
  adapter: RuntimeAdapter,
  workspace: Workspace,
): ScenarioKit {
  const netnsPaths = new Map<string, string>();
  const request = (a: KitAttachment) => {
    const netnsName = a.netns ?? a.containerId;
    const netns = netnsName === '' ? '' : (netnsPaths.get(netnsName) ?? '');
    return {
      network: a.network,
      containerId: a.containerId,
      ifname: a.ifname ?? 'eth0',
      netns,
      ...(capabilityArgs ? { capabilityArgs } : {}),
    };
  };
  async function record(
    op: Operation,
    network: string,
    ids: { containerId?: string; ifname?: string },
    body: () => Promise<AdapterOutcome>,
    attachment?: AttachmentRequest,
  ): Promise<AdapterOutcome> {
    // An optional step the runtime cannot trigger is left out, not faked.
    if (!adapter.supports.has(op))
      return { ok: false, error: { text: `${adapter.name} cannot trigger ${op}` } };
    const tsStart = performance.timeOrigin + performance.now();
    const outcome = await body();
    const tsEnd = performance.timeOrigin + performance.now();
    await workspace.appendLog({
      kind: 'operation',
      op,
      network,
      ...ids,
      tsStart,
      tsEnd,
      ok: outcome.ok,
      ...(outcome.error ? { error: outcome.error } : {}),
      ...(await cacheFileState(adapter, op, attachment)),
    });
    return outcome;
  }
  const attachmentOp =
    (op: Operation, call: (r: ReturnType<typeof request>) => Promise<AdapterOutcome>) =>
    (a: KitAttachment) => {
      const r = request(a);
      return record(op, r.network, { containerId: r.containerId, ifname: r.ifname }, () => call(r), r);
    };
  return {
    adapter,
    workspace,
    async container(name) {
      const path = await workspace.addNetns(name);
      netnsPaths.set(name, path);
      return path;
    },
    async removeContainer(name) {
      await workspace.removeNetns(name);
      netnsPaths.delete(name);
    },
    add: attachmentOp('ADD', (r) => adapter.add(r)),
    check: attachmentOp('CHECK', (r) => adapter.check(r)),
    del: attachmentOp('DEL', (r) => adapter.del(r)),
    gc: (network, valid) => record('GC', network, {}, () => adapter.gc(network, valid)),
    status: (network) => record('STATUS', network, {}, () => adapter.status(network)),
  };
}
