/**
 * Adapter `podman`: podman 4.3 with its CNI backend, driven through its CLI against a private configuration
 * (adapters/podman/host.ts: own containers.conf, storage.conf, mount namespace, cgroup parent).
 * ADD = `podman run --detach --network NET … busybox sleep`; DEL = `podman stop`, which tears the network down
 * (a stopped container has none; `podman rm` of a stopped container reaches no plugin). podman creates its own
 * container netns (/run/netns/netns-…) and uses its own 64-hex container ID as CNI_CONTAINERID, so the request's
 * netns and ID are not passed through; the request's ID becomes the container name, and the ID `podman run`
 * prints is the one its cache file is named after (R-DEL-4). podman runs in a private network namespace
 * (adapters/netns.ts): its "host" side, published ports included, never touches the real host's network.
 * podman 4.3 never runs CHECK, GC or STATUS (`podman network reload` is DEL then ADD).
 * Packages: podman (with conmon, runc or crun).
 */
import { join } from 'node:path';
import { formatParseIssues, HarnessError } from '../../errors.ts';
import { runHostCommand } from '../../sandbox/host-command.ts';
import type { AdapterOutcome, AttachmentRequest, RuntimeAdapter } from '../adapter.ts';
import type { Workspace } from '../workspace.ts';
import { createPrivateNetns, removePrivateNetns } from './netns.ts';
import { type PodmanHost, type PodmanResult, podmanCacheDir, startPodmanHost } from './podman/host.ts';
import { podmanRunFlags } from './podman/run-args.ts';

/** Why the podman adapter cannot run here, or undefined when it can. */
export async function podmanUnavailable(): Promise<string | undefined> {
  const present = await runHostCommand('podman', ['--version']).then(
    () => true,
    () => false,
  );
  return present ? undefined : 'Debian package podman is not installed (no `podman`)';
}

/**
 * podman's answer: its exit status, and on failure its `Error:` lines (libcni's text: the plugin's msg and
 * details, never the CNI code). Its log lines (`time="…" level=warning …`) are diagnostics, not the answer.
 */
function outcomeOf(result: PodmanResult): AdapterOutcome {
  if (result.exitCode === 0) return { ok: true };
  const stderr = result.stderr.trim();
  const errors = stderr.split('\n').filter((line) => line.startsWith('Error:'));
  return { ok: false, error: { text: errors.length > 0 ? errors.join('\n') : stderr } };
}

/** Builds the podman adapter; the private podman is prepared on the first ADD (skipped scenarios cost nothing). */
export async function createPodmanAdapter(workspace: Workspace): Promise<RuntimeAdapter> {
  const reason = await podmanUnavailable();
  if (reason)
    throw new HarnessError('CNI_CONFORMANCE_PREREQUISITE_MISSING', `podman adapter: ${reason}`, {
      fix: 'apt-get install -y podman',
    });
  // Made now, not with the host: the scenario records the runtime's netns before the first ADD.
  const netns = join(workspace.root, 'podman-netns');
  const runtimeNetns = await createPrivateNetns(netns);
  let host: Promise<PodmanHost> | undefined;
  const ready = () => {
    host ??= startPodmanHost(workspace, netns);
    return host;
  };
  // podman's own 64-hex ID per container name: its CNI_CONTAINERID.
  const containerIds = new Map<string, string>();

  async function add(request: AttachmentRequest): Promise<AdapterOutcome> {
    const { podman, cgroupParent, image } = await ready();
    const flags = podmanRunFlags(request, cgroupParent);
    if (!flags.ok)
      return { ok: false, error: { text: `podman adapter: ${formatParseIssues(flags.issues)}` } };
    const result = await podman(['run', ...flags.value, image, 'sleep', '3600']);
    const id = result.stdout.trim();
    if (result.exitCode === 0 && /^[0-9a-f]{64}$/.test(id)) containerIds.set(request.containerId, id);
    return outcomeOf(result);
  }

  async function del(request: AttachmentRequest): Promise<AdapterOutcome> {
    const { podman } = await ready();
    return outcomeOf(await podman(['stop', '--time', '0', request.containerId]));
  }

  const unsupported = (verb: string) => async (): Promise<AdapterOutcome> => ({
    ok: false,
    error: { text: `podman 4.3 cannot ${verb}` },
  });
  return {
    name: 'podman',
    supports: new Set(['ADD', 'DEL']),
    // podman 4.3 vendors libcni 1.1.x: CNI up to 1.0.0.
    maxVersion: '1.0.0',
    // cni_plugin_dirs is a list, searched in order (libcni FindInPath).
    cniPath: workspace.cniPath,
    runtimeNetns,
    cacheDir: podmanCacheDir(workspace.root),
    runtimeContainerId: (request) => containerIds.get(request.containerId),
    add,
    del,
    check: unsupported('check'),
    gc: unsupported('gc'),
    status: unsupported('status'),
    async close() {
      // A host that failed to start cleaned up after itself (and its error already reached the caller).
      await host?.then(
        (started) => started.teardown(),
        () => undefined,
      );
      await removePrivateNetns(netns);
    },
  };
}
