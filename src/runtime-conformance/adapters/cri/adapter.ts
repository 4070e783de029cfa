/**
 * Adapter `containerd-cri`: containerd's CRI plugin, driven the way kubelet drives it, over gRPC
 * (runtime.v1 RuntimeService) against a private daemon (daemon.ts). ADD = RunPodSandbox (CRI creates the pod
 * netns and runs the CNI ADD itself), DEL = StopPodSandbox (CNI DEL; a repeated stop DELs again), and close()
 * removes every pod with RemovePodSandbox (which DELs once more) before stopping the daemon.
 * What containerd 1.6.20's CRI cannot do: CHECK (no CRI call reaches go-cni's Check), STATUS and GC (its
 * libcni 1.1 has neither; the CRI Status RPC only reports whether a network config is loaded), interfaces other
 * than eth0, and capability arguments other than portMappings and bandwidth (rates only).
 * The scenario's own netns are not used: CRI makes its own. CNI_CONTAINERID is CRI's sandbox ID.
 * The daemon, and so every plugin it runs, lives in a private netns (adapters/netns.ts) made with the adapter:
 * `runtimeNetns` names it, and R-ENV-1 is judged against it.
 */
import { join } from 'node:path';
import type { AdapterOutcome, AttachmentRequest, RuntimeAdapter } from '../../adapter.ts';
import type { Workspace } from '../../workspace.ts';
import { createPrivateNetns, removePrivateNetns } from '../netns.ts';
import { type CriClient, type CriReply, connectCri } from './client.ts';
import { type CriDaemon, startCriDaemon } from './daemon.ts';
import { CRI_IFNAME, ensureEth0Result, podSandboxConfig, redactSandboxIds } from './pod-config.ts';

const SANDBOX_ID = /\b[0-9a-f]{64}\b/;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Started {
  readonly daemon: CriDaemon;
  readonly client: CriClient;
}

/** Waits until CRI reports NetworkReady (it loads the conf dir by fsnotify after the scenario wrote it). */
async function waitForNetworkReady(client: CriClient, timeoutMs: number): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(100)) {
    const status = await client.status();
    if (status.ok && status.value.some((c) => c.type === 'NetworkReady' && c.status)) return;
  }
}

function outcomeOf(reply: CriReply<unknown>): AdapterOutcome {
  return reply.ok ? { ok: true } : { ok: false, error: { text: redactSandboxIds(reply.error.details) } };
}

const otherIfname = (ifname: string): AdapterOutcome => ({
  ok: false,
  error: { text: `CRI attaches a pod as ${CRI_IFNAME} only, not ${ifname}` },
});

/** The pods of one adapter: the daemon (started on first use), sandbox IDs, attempts. */
class CriPods {
  private started: Promise<Started> | undefined;
  /** containerId → the sandbox ID of its latest RunPodSandbox (also a failed one). */
  private readonly sandboxes = new Map<string, string>();
  /** Sandboxes RunPodSandbox created (a failed one stays when CRI's own teardown failed), removed on close. */
  private readonly live = new Set<string>();
  private readonly attempts = new Map<string, number>();

  constructor(
    private readonly workspace: Workspace,
    private readonly netns: string,
  ) {}

  private start(): Promise<Started> {
    this.started ??= (async () => {
      const dir = join(this.workspace.root, 'containerd-cri');
      const daemon = await startCriDaemon(dir, {
        binDir: this.workspace.binDir,
        confDir: this.workspace.confDir,
        netns: this.netns,
      });
      return { daemon, client: await connectCri(daemon.socket, dir) };
    })();
    return this.started;
  }

  async add(request: AttachmentRequest): Promise<AdapterOutcome> {
    if (request.ifname !== CRI_IFNAME) return otherIfname(request.ifname);
    const { daemon, client } = await this.start();
    await waitForNetworkReady(client, 15_000);
    await ensureEth0Result(this.workspace);
    const attempt = this.attempts.get(request.containerId) ?? 0;
    this.attempts.set(request.containerId, attempt + 1);
    const reply = await client.runPodSandbox(podSandboxConfig(request, attempt, daemon.cgroupParent));
    // CRI tears a failed pod down itself; its ID (named in the error) is still what a later DEL stops.
    const id = reply.ok ? reply.value : SANDBOX_ID.exec(reply.error.details)?.[0];
    if (id !== undefined) {
      this.sandboxes.set(request.containerId, id);
      this.live.add(id);
    }
    return outcomeOf(reply);
  }

  /** Every DEL reaches CRI, so the outcome is always the runtime's own answer (NotFound for an unknown pod). */
  async del(request: AttachmentRequest): Promise<AdapterOutcome> {
    if (request.ifname !== CRI_IFNAME) return otherIfname(request.ifname);
    const { client } = await this.start();
    return outcomeOf(
      await client.stopPodSandbox(this.sandboxes.get(request.containerId) ?? request.containerId),
    );
  }

  async close(): Promise<void> {
    if (!this.started) return;
    const { daemon, client } = await this.started;
    for (const id of this.live) await client.removePodSandbox(id);
    this.live.clear();
    client.close();
    await daemon.stop();
  }
}

const unsupported = (why: string) => async (): Promise<AdapterOutcome> => ({
  ok: false,
  error: { text: why },
});

/**
 * Builds the containerd-cri adapter; the daemon starts on the first ADD (skipped scenarios never start it), its
 * netns now (the scenario records the runtime's netns before the first ADD).
 */
export async function createContainerdCriAdapter(workspace: Workspace): Promise<RuntimeAdapter> {
  const netns = join(workspace.root, 'containerd-cri-netns');
  const runtimeNetns = await createPrivateNetns(netns);
  const pods = new CriPods(workspace, netns);
  return {
    name: 'containerd-cri',
    supports: new Set(['ADD', 'DEL']),
    // containerd 1.6 builds on libcni 1.1: CNI up to 1.0.0, cniVersions unknown.
    maxVersion: '1.0.0',
    acceptsCapabilityArgs: true,
    runtimeNetns,
    add: (request) => pods.add(request),
    del: (request) => pods.del(request),
    check: unsupported('containerd 1.6 CRI never sends CNI CHECK'),
    gc: unsupported('containerd 1.6 CRI (libcni 1.1) has no CNI GC'),
    status: unsupported('containerd 1.6 CRI (libcni 1.1) has no CNI STATUS; its Status RPC runs no plugin'),
    async close() {
      try {
        await pods.close();
      } finally {
        await removePrivateNetns(netns);
      }
    },
  };
}
