/**
 * Adapter `containerd`: `ctr run --cni` against a private containerd (own root, state, socket; CRI disabled).
 * ctr does CNI in the client through go-cni and reads only /etc/cni/net.d and /opt/cni/bin, so each ctr runs in
 * a private mount namespace where overlays make those paths and bind-mount the workspace's conf and bin dirs.
 * go-cni also caches results under /var/lib/cni: an overlay on /var/lib keeps that cache off the real host, and
 * its upper dir is where the harness looks at it (R-DEL-4), under ctr's CNI_CONTAINERID `<namespace>-<id>`.
 * ADD = `ctr run --cni --rm IMAGE ID sleep` in the foreground (the task RUNNING means ADD is done); DEL = killing
 * the task, after which ctr tears the network down and removes the container. ctr cannot CHECK, GC, STATUS or
 * take capability arguments. Packages: containerd (with runc).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { HarnessError } from '../../errors.ts';
import { runHostCommand } from '../../sandbox/host-command.ts';
import type { AdapterOutcome, AttachmentRequest, RuntimeAdapter } from '../adapter.ts';
import type { Workspace } from '../workspace.ts';
import { removeCgroupTree } from './cgroups.ts';
import { BUSYBOX_IMAGE, buildBusyboxImage } from './oci-image.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const RUN_SCRIPT = `set -e
mount -t overlay overlay -o lowerdir=/etc,upperdir="$W/upper/etc",workdir="$W/work/etc" /etc
mount -t overlay overlay -o lowerdir=/opt,upperdir="$W/upper/opt",workdir="$W/work/opt" /opt
mount -t overlay overlay -o lowerdir=/var/lib,upperdir="$W/upper/varlib",workdir="$W/work/varlib" /var/lib
mkdir -p /etc/cni/net.d /opt/cni/bin
mount --bind "$CONF" /etc/cni/net.d
mount --bind "$BIN" /opt/cni/bin
exec ctr -a "$SOCK" -n "$NS" run --cni --rm "$IMAGE" "$1" sleep 3600
`;

interface Running {
  readonly child: ChildProcess;
  readonly exited: Promise<string>;
}

async function waitFor(probe: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(100))
    if (await probe()) return true;
  return false;
}

async function startDaemon(dir: string): Promise<{ sock: string; daemon: ChildProcess }> {
  const sock = join(dir, 'containerd.sock');
  await writeFile(
    join(dir, 'config.toml'),
    'version = 2\ndisabled_plugins = ["io.containerd.grpc.v1.cri"]\n',
  );
  const daemon = spawn(
    'containerd',
    [
      '--root',
      join(dir, 'root'),
      '--state',
      join(dir, 'state'),
      '--address',
      sock,
      '--config',
      join(dir, 'config.toml'),
    ],
    { stdio: 'ignore' },
  );
  const up = await waitFor(
    () =>
      runHostCommand('ctr', ['-a', sock, 'version']).then(
        () => true,
        () => false,
      ),
    15_000,
  );
  if (!up) {
    daemon.kill('SIGKILL');
    throw new HarnessError(
      'CNI_CONFORMANCE_PREREQUISITE_MISSING',
      'containerd adapter: the private containerd did not start',
      { fix: 'apt-get install -y containerd runc' },
    );
  }
  return { sock, daemon };
}

async function taskRunning(ctr: readonly string[], id: string): Promise<boolean> {
  const { stdout } = await runHostCommand('ctr', [...ctr, 'task', 'ls']).catch(() => ({ stdout: '' }));
  return stdout.split('\n').some((line) => line.startsWith(`${id} `) && line.includes('RUNNING'));
}

/** Deletes the tasks and containers a failed `ctr run` leaves behind (ctr does not clean up after a failed ADD). */
async function removeLeftovers(ctr: readonly string[]): Promise<void> {
  const { stdout } = await runHostCommand('ctr', [...ctr, 'containers', 'ls', '-q']).catch(() => ({
    stdout: '',
  }));
  for (const id of stdout.split('\n').filter(Boolean)) {
    await runHostCommand('ctr', [...ctr, 'task', 'delete', '-f', id]).catch(() => undefined);
    await runHostCommand('ctr', [...ctr, 'containers', 'rm', id]).catch(() => undefined);
  }
}

/** Kills, by pid, the runc shims started for our private containerd (their command line names its socket). */
async function killShimsOf(sock: string): Promise<void> {
  for (const pid of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(pid)) continue;
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.startsWith('/usr/bin/containerd-shim') && cmdline.includes(sock))
      process.kill(Number(pid), 'SIGKILL');
  }
}

/** Builds the containerd adapter: starts a private containerd and imports the busybox image. */
export async function createContainerdAdapter(workspace: Workspace): Promise<RuntimeAdapter> {
  const dir = join(workspace.root, 'containerd');
  for (const sub of [
    'root',
    'state',
    'image',
    'upper/etc',
    'upper/opt',
    'upper/varlib',
    'work/etc',
    'work/opt',
    'work/varlib',
  ])
    await mkdir(join(dir, sub), { recursive: true });
  const { sock, daemon } = await startDaemon(dir);
  const archive = await buildBusyboxImage(join(dir, 'image'));
  await runHostCommand('ctr', [
    '-a',
    sock,
    '-n',
    `cnc-${basename(workspace.root).replace(/[^a-zA-Z0-9]/g, '')}`,
    'images',
    'import',
    archive,
  ]);
  await writeFile(join(dir, 'run.sh'), RUN_SCRIPT);
  // A namespace of our own: the runc shim keeps state under /run/containerd/runc/<namespace>, shared by every containerd.
  const namespace = `cnc-${basename(workspace.root).replace(/[^a-zA-Z0-9]/g, '')}`;
  const ctr = ['-a', sock, '-n', namespace];
  const env = {
    ...process.env,
    W: dir,
    CONF: workspace.confDir,
    BIN: workspace.binDir,
    SOCK: sock,
    NS: namespace,
    IMAGE: BUSYBOX_IMAGE,
  };
  const tasks = new Map<string, Running>();

  async function add(request: AttachmentRequest): Promise<AdapterOutcome> {
    const child = spawn(
      'unshare',
      ['--mount', '--propagation', 'private', 'sh', join(dir, 'run.sh'), request.containerId],
      { env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    const exited = new Promise<string>((resolve) => child.on('exit', () => resolve(output)));
    tasks.set(request.containerId, { child, exited });
    let gone = false;
    void exited.then(() => (gone = true));
    await waitFor(async () => gone || (await taskRunning(ctr, request.containerId)), 30_000);
    if (!gone) return { ok: true };
    tasks.delete(request.containerId);
    return { ok: false, error: { text: (await exited).trim() } };
  }

  async function del(request: AttachmentRequest): Promise<AdapterOutcome> {
    const running = tasks.get(request.containerId);
    // ctr keeps no state to DEL from once its foreground process is gone: a repeated DEL reaches no plugin.
    if (!running) return { ok: true };
    tasks.delete(request.containerId);
    await runHostCommand('ctr', [...ctr, 'task', 'kill', '-s', 'KILL', request.containerId]).catch(
      () => undefined,
    );
    // The exit status is the killed task's; ctr prints network teardown errors ("ctr: …") on its own output.
    const output = (await running.exited).trim();
    return output === '' ? { ok: true } : { ok: false, error: { text: output } };
  }

  const unsupported = (verb: string) => async (): Promise<AdapterOutcome> => ({
    ok: false,
    error: { text: `ctr cannot ${verb}` },
  });
  return {
    name: 'containerd',
    supports: new Set(['ADD', 'DEL']),
    // containerd 1.6 vendors libcni 1.1.x: CNI up to 1.0.0.
    maxVersion: '1.0.0',
    acceptsCapabilityArgs: false,
    // A file ctr creates and removes there leaves no whiteout: the host's /var/lib/cni never held its name.
    cacheDir: join(dir, 'upper', 'varlib', 'cni'),
    // ctr hands go-cni its "full ID", namespace-prefixed (commands.FullID).
    runtimeContainerId: (request) => `${namespace}-${request.containerId}`,
    add,
    del,
    check: unsupported('check'),
    gc: unsupported('gc'),
    status: unsupported('status'),
    async close() {
      for (const id of tasks.keys()) await del({ network: '', containerId: id, netns: '', ifname: '' });
      await removeLeftovers(ctr);
      daemon.kill('SIGTERM');
      await new Promise((resolve) =>
        daemon.exitCode === null ? daemon.on('exit', resolve) : resolve(undefined),
      );
      await killShimsOf(sock);
      await runHostCommand('rm', ['-rf', `/run/containerd/runc/${namespace}`]).catch(() => undefined);
      // runc put each task under the cgroup /<namespace>/<id>; the directories outlive the tasks.
      await removeCgroupTree(namespace);
      const mounts = await readFile('/proc/mounts', 'utf8');
      const leftovers = mounts
        .split('\n')
        .map((line) => line.split(' ')[1] ?? '')
        .filter((path) => path.startsWith(dir))
        .reverse();
      for (const path of leftovers) await runHostCommand('umount', ['-l', path]).catch(() => undefined);
    },
  };
}
