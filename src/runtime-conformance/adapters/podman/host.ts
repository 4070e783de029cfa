/**
 * A private podman for one workspace: its own containers.conf (CNI backend, the workspace's conf and bin dirs),
 * storage.conf (graphroot, runroot under the workspace) and a persistent private mount namespace in which
 * overlays on /run and /var/lib catch what podman and libcni write to fixed host paths (/run/netns, /run/runc,
 * /var/lib/cni, /var/lib/containers/cache), and a tmpfs on /dev/shm holds podman's lock table. Every podman
 * command, and so conmon and the exit-command cleanup it starts, runs in that namespace and in a private network
 * namespace the adapter gives it (adapters/netns.ts), so published ports and anything else podman does to
 * its "host" network stay off the real host (R-ENV-1 is judged against that netns). Containers go under a cgroup
 * parent of their own, removed on teardown.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { HarnessError } from '../../../errors.ts';
import { HostCommandError, runHostCommand } from '../../../sandbox/host-command.ts';
import type { Workspace } from '../../workspace.ts';
import { removeCgroupTree } from '../cgroups.ts';
import { BUSYBOX_IMAGE, buildBusyboxImage } from '../oci-image.ts';

/** What one podman command answered. */
export interface PodmanResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A prepared private podman. */
export interface PodmanHost {
  /** The image every container runs (a local busybox, loaded without a registry). */
  readonly image: string;
  /** `--cgroup-parent` for every container (conmon goes to `<parent>/conmon`). */
  readonly cgroupParent: string;
  /** libcni's cache root as podman writes it (the overlay's upper dir over /var/lib/cni). */
  readonly cacheDir: string;
  podman(args: readonly string[]): Promise<PodmanResult>;
  /** Removes every container, their conmon processes, cgroups and the mount namespace. */
  teardown(): Promise<void>;
}

const OVERLAYS = ['/run', '/var/lib'];
const overlayName = (target: string) => target.replaceAll('/', '_');

function containersConf(dir: string, workspace: Workspace): string {
  return `[containers]
# runc here cannot raise rlimits (no CAP_SYS_RESOURCE): stay at or below the hard limits.
default_ulimits = ["nofile=20000:20000", "nproc=4096:4096"]

[network]
network_backend = "cni"
cni_plugin_dirs = [${workspace.cniPath.map((dir) => JSON.stringify(dir)).join(', ')}]
network_config_dir = ${JSON.stringify(workspace.confDir)}

[engine]
cgroup_manager = "cgroupfs"
events_logger = "none"
tmp_dir = ${JSON.stringify(join(dir, 'tmp'))}
image_copy_tmp_dir = ${JSON.stringify(join(dir, 'tmp'))}
volume_path = ${JSON.stringify(join(dir, 'volumes'))}
`;
}

function storageConf(dir: string): string {
  return `[storage]
driver = "overlay"
graphroot = ${JSON.stringify(join(dir, 'storage'))}
runroot = ${JSON.stringify(join(dir, 'runroot'))}
`;
}

/** The environment of every podman command (inherited by conmon, the cleanup process and the plugins). */
function podmanEnv(dir: string): NodeJS.ProcessEnv {
  // NODE_EXTRA_CA_CERTS slows every Node start (the spies are Node scripts) and is none of a plugin's business.
  const { NODE_EXTRA_CA_CERTS: _slow, ...env } = process.env;
  return {
    ...env,
    CONTAINERS_CONF: join(dir, 'containers.conf'),
    CONTAINERS_STORAGE_CONF: join(dir, 'storage.conf'),
    CONTAINERS_REGISTRIES_CONF: join(dir, 'registries.conf'),
    TMPDIR: join(dir, 'tmp'),
  };
}

/** Creates the persistent mount namespace `<dir>/mntns` with the overlays mounted inside it. */
async function createMountNamespace(dir: string): Promise<string> {
  const mntns = join(dir, 'mntns');
  await writeFile(mntns, '');
  await runHostCommand('unshare', [`--mount=${mntns}`, '--propagation', 'private', 'true']);
  const mounts = OVERLAYS.map((target) => {
    const name = overlayName(target);
    const options = `lowerdir=${target},upperdir=${join(dir, 'upper', name)},workdir=${join(dir, 'work', name)}`;
    return `mount -t overlay overlay -o ${options} ${target}`;
  });
  // podman's lock table is shared memory (/dev/shm/libpod_lock): a private /dev/shm keeps it ours.
  mounts.push('mount -t tmpfs -o mode=1777,nosuid,nodev shm /dev/shm');
  await runHostCommand('nsenter', [`--mount=${mntns}`, 'sh', '-ec', mounts.join('\n')]);
  return mntns;
}

function podmanRunner(mntns: string, netns: string, env: NodeJS.ProcessEnv) {
  return (args: readonly string[]): Promise<PodmanResult> =>
    runHostCommand('nsenter', [`--mount=${mntns}`, `--net=${netns}`, '--', 'podman', ...args], {
      env,
      timeoutMs: 120_000,
    }).then(
      ({ stdout, stderr }) => ({ exitCode: 0, stdout, stderr }),
      (error: unknown) =>
        error instanceof HostCommandError
          ? { exitCode: error.exitCode ?? 1, stdout: error.stdout, stderr: error.stderr }
          : Promise.reject(error),
    );
}

/** Pids whose command line mentions `needle` (conmon names our storage paths in its arguments). */
async function pidsMentioning(needle: string): Promise<number[]> {
  const pids: number[] = [];
  for (const pid of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(pid)) continue;
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.includes(needle)) pids.push(Number(pid));
  }
  return pids;
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

async function unmountUnder(dir: string): Promise<void> {
  const mounts = await readFile('/proc/mounts', 'utf8').catch(() => '');
  const paths = mounts
    .split('\n')
    .map((line) => line.split(' ')[1] ?? '')
    .filter((path) => path === dir || path.startsWith(`${dir}/`))
    .reverse();
  for (const path of paths) await runHostCommand('umount', ['-l', path]).catch(() => undefined);
}

/** The cgroup parent of a workspace's containers (unique per workspace, so teardown removes only its own). */
export function podmanCgroupParent(workspaceRoot: string): string {
  return `/cnc-podman-${basename(workspaceRoot).replace(/[^a-zA-Z0-9]/g, '')}`;
}

/**
 * libcni's cache root (/var/lib/cni) as the host sees it: the upper dir of the private /var/lib overlay. A file
 * podman creates there and removes again vanishes from the upper dir too (no whiteout: the host's /var/lib/cni
 * never holds a file of our containers' IDs), so its presence there is its presence for podman.
 */
export function podmanCacheDir(workspaceRoot: string): string {
  return join(workspaceRoot, 'podman', 'upper', overlayName('/var/lib'), 'cni');
}

/**
 * Prepares the private podman under `<workspace>/podman`, run inside the netns bound at `netns`, and loads the
 * busybox image.
 */
export async function startPodmanHost(workspace: Workspace, netns: string): Promise<PodmanHost> {
  const dir = join(workspace.root, 'podman');
  const subdirs = ['storage', 'runroot', 'tmp', 'volumes', 'image'];
  for (const name of OVERLAYS.map(overlayName)) subdirs.push(join('upper', name), join('work', name));
  for (const sub of subdirs) await mkdir(join(dir, sub), { recursive: true });
  await writeFile(join(dir, 'containers.conf'), containersConf(dir, workspace));
  await writeFile(join(dir, 'storage.conf'), storageConf(dir));
  await writeFile(join(dir, 'registries.conf'), '');
  const mntns = await createMountNamespace(dir);
  const podman = podmanRunner(mntns, netns, podmanEnv(dir));
  const cgroupParent = podmanCgroupParent(workspace.root);
  const host: PodmanHost = {
    image: BUSYBOX_IMAGE,
    cgroupParent,
    cacheDir: podmanCacheDir(workspace.root),
    podman,
    async teardown() {
      await podman(['rm', '--all', '--force', '--time', '0']);
      for (const pid of await pidsMentioning(join(dir, 'storage'))) killQuietly(pid);
      await removeCgroupTree(cgroupParent);
      await runHostCommand('umount', ['-l', mntns]).catch(() => undefined);
      await unmountUnder(dir);
    },
  };
  const loaded = await podman(['load', '--quiet', '--input', await buildBusyboxImage(join(dir, 'image'))]);
  if (loaded.exitCode !== 0) {
    await host.teardown();
    throw new HarnessError(
      'CNI_CONFORMANCE_SANDBOX_FAILED',
      `podman adapter: loading the local busybox image failed: ${loaded.stderr.trim()}`,
    );
  }
  return host;
}
