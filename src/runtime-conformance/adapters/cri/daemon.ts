/**
 * A private containerd with its CRI plugin on: own root, state, socket and runc root under the workspace, the
 * workspace's CNI conf and bin dirs, and a locally built sandbox ("pause") image imported into `k8s.io`.
 * The daemon runs in the private network namespace the adapter gives it (adapters/netns.ts), so CRI's streaming
 * server (a random 127.0.0.1 port) never listens on the host, and in a private mount namespace where overlays
 * on /var/lib (go-cni's result cache /var/lib/cni) and /run (shim sockets) send its writes to the workspace;
 * pod netns (CRI's own, each with `lo` from its loopback plugin) are mounted under the state dir
 * (netns_mounts_under_state_dir), so they are only visible in that namespace and vanish with it.
 * Plugins get the daemon's environment: a bare PATH, as under an init system.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { access, mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { HarnessError } from '../../../errors.ts';
import { runHostCommand } from '../../../sandbox/host-command.ts';
import { removeCgroupTree } from '../cgroups.ts';
import { buildBusyboxImage } from '../oci-image.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The sandbox image the private CRI runs pods from (busybox sleeping, standing in for `pause`). */
export const CRI_SANDBOX_IMAGE = 'docker.io/library/cnc-pause:latest';
/** The containerd namespace CRI keeps its containers and images in. */
export const CRI_NAMESPACE = 'k8s.io';
const DAEMON_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

const START_SCRIPT = `set -e
mount -t overlay overlay -o lowerdir=/var/lib,upperdir="$W/upper/varlib",workdir="$W/work/varlib" /var/lib
mount -t overlay overlay -o lowerdir=/run,upperdir="$W/upper/run",workdir="$W/work/run" /run
exec containerd --root "$W/root" --state "$W/state" --address "$W/containerd.sock" --config "$W/config.toml"
`;

/** Where CRI's own loopback plugin is taken from (it sets up `lo` in every pod, beside the configured list). */
const LOOPBACK_CANDIDATES = ['/usr/lib/cni/loopback', '/opt/cni/bin/loopback'];

/** Links a loopback plugin into the bin dir: CRI fails every pod without one. Not a spy, so not logged. */
async function provideLoopback(binDir: string): Promise<void> {
  const target = join(binDir, 'loopback');
  if (
    await access(target).then(
      () => true,
      () => false,
    )
  )
    return;
  for (const candidate of LOOPBACK_CANDIDATES)
    if (
      await access(candidate).then(
        () => true,
        () => false,
      )
    )
      return symlink(candidate, target);
  throw new HarnessError(
    'CNI_CONFORMANCE_PREREQUISITE_MISSING',
    `containerd-cri adapter: CRI needs a loopback plugin; none of ${LOOPBACK_CANDIDATES.join(', ')} exists`,
    { fix: 'apt-get install -y containernetworking-plugins' },
  );
}

/** Where the daemon finds plugins and configs. */
export interface CriDaemonOptions {
  readonly binDir: string;
  readonly confDir: string;
  /** The persistent netns (bound on this file, `lo` up) the daemon runs in: see createPrivateNetns. */
  readonly netns: string;
}

/** A running private containerd with CRI. */
export interface CriDaemon {
  readonly socket: string;
  /** The cgroup parent pods go under (one per daemon, removed by `stop`). */
  readonly cgroupParent: string;
  /** The daemon's log (stderr), for error messages. */
  log(): Promise<string>;
  /** Stops the daemon and removes what it left: shims, runc containers, the pod cgroup parent. */
  stop(): Promise<void>;
}

function configToml(dir: string, options: CriDaemonOptions): string {
  const cri = '[plugins."io.containerd.grpc.v1.cri"]';
  return [
    'version = 2',
    '[debug]',
    '  level = "warn"',
    cri,
    `  sandbox_image = "${CRI_SANDBOX_IMAGE}"`,
    // runc cannot raise oom_score_adj without CAP_SYS_RESOURCE.
    '  restrict_oom_score_adj = true',
    '  netns_mounts_under_state_dir = true',
    `${cri.slice(0, -1)}.cni]`,
    `  bin_dir = "${options.binDir}"`,
    `  conf_dir = "${options.confDir}"`,
    '  max_conf_num = 1',
    `${cri.slice(0, -1)}.containerd.runtimes.runc]`,
    '  runtime_type = "io.containerd.runc.v2"',
    `${cri.slice(0, -1)}.containerd.runtimes.runc.options]`,
    `  Root = "${join(dir, 'runc')}"`,
    '',
  ].join('\n');
}

async function ctrAnswers(socket: string): Promise<boolean> {
  return runHostCommand('ctr', ['-a', socket, 'version']).then(
    () => true,
    () => false,
  );
}

/** Kills, by pid, the runc shims of this daemon (their command line names its socket). */
async function killShimsOf(socket: string): Promise<void> {
  for (const pid of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(pid)) continue;
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.startsWith('/usr/bin/containerd-shim') && cmdline.includes(socket))
      process.kill(Number(pid), 'SIGKILL');
  }
}

/** Deletes runc containers a killed shim left behind, then the (empty) pod cgroup parents. */
async function removeLeftovers(dir: string, cgroupParent: string): Promise<void> {
  const root = join(dir, 'runc', CRI_NAMESPACE);
  for (const id of await readdir(root).catch(() => [] as string[]))
    await runHostCommand('runc', ['--root', root, 'delete', '--force', id]).catch(() => undefined);
  await removeCgroupTree(cgroupParent);
}

async function waitForExit(child: ChildProcess, timeoutMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  await Promise.race([exited, sleep(timeoutMs)]);
}

/** Starts the daemon under `<dir>` and imports the sandbox image; throws a prerequisite error if it cannot. */
export async function startCriDaemon(dir: string, options: CriDaemonOptions): Promise<CriDaemon> {
  for (const sub of [
    'root',
    'state',
    'runc',
    'image',
    'upper/varlib',
    'upper/run',
    'work/varlib',
    'work/run',
  ])
    await mkdir(join(dir, sub), { recursive: true });
  await provideLoopback(options.binDir);
  await writeFile(join(dir, 'config.toml'), configToml(dir, options));
  await writeFile(join(dir, 'start.sh'), START_SCRIPT);
  const socket = join(dir, 'containerd.sock');
  // Named after the workspace (cnc-rt-XXXXXX), so concurrent daemons never share a parent.
  const cgroupParent = `/cnc-cri-${basename(dirname(dir)).replace(/[^a-zA-Z0-9]/g, '')}`;
  let stderr = '';
  const daemon = spawn(
    'nsenter',
    [
      `--net=${options.netns}`,
      '--',
      'unshare',
      '--mount',
      '--propagation',
      'private',
      'sh',
      join(dir, 'start.sh'),
    ],
    {
      env: { PATH: DAEMON_PATH, W: dir },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  daemon.stderr?.on('data', (chunk) => (stderr += chunk));
  const stop = async () => {
    daemon.kill('SIGTERM');
    await waitForExit(daemon, 10_000);
    daemon.kill('SIGKILL');
    await killShimsOf(socket);
    await removeLeftovers(dir, cgroupParent.slice(1));
  };
  let up = false;
  for (const deadline = Date.now() + 20_000; !up && Date.now() < deadline && daemon.exitCode === null; ) {
    await sleep(100);
    up = await ctrAnswers(socket);
  }
  if (!up) {
    await stop();
    throw new HarnessError(
      'CNI_CONFORMANCE_PREREQUISITE_MISSING',
      `containerd-cri adapter: the private containerd did not start: ${stderr.trim().split('\n').slice(-3).join(' | ')}`,
      { fix: 'apt-get install -y containerd runc' },
    );
  }
  const archive = await buildBusyboxImage(join(dir, 'image'), '/bin/busybox', {
    name: CRI_SANDBOX_IMAGE,
    cmd: ['/bin/sleep', '2147483647'],
  });
  await runHostCommand('ctr', ['-a', socket, '-n', CRI_NAMESPACE, 'images', 'import', archive]).catch(
    async (error) => {
      await stop();
      throw error;
    },
  );
  return { socket, cgroupParent, log: async () => stderr, stop };
}
