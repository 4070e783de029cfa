/**
 * The sandbox container, started with the docker CLI: `--network none`, the host's /usr and /etc (and real
 * library dirs) read-only, the harness and the plugin's paths read-only at their host paths, and one
 * read-write reports directory. Privileged when the engine allows it; otherwise NET_ADMIN + SYS_ADMIN
 * with unconfined seccomp and AppArmor (enough for unshare, mount and netlink; what the netns sandbox
 * inside needs).
 *
 * The CLI rather than testcontainers: the sandbox needs one `docker run`, one `docker exec` and one
 * `docker rm`, and testcontainers has no public way to set security options or --init, so it took a subclass
 * writing its protected host config plus environment switches (Ryuk, host override). The CLI is also
 * cheaper: one sandbox created, exec'd and destroyed per process (as a run does), 5 runs each interleaved on
 * this 2-core host at load ~3.5: 0.49 s of the harness's own CPU against 0.82 s (most of it loading
 * testcontainers), 0.94 s against 1.06 s with the docker client's CPU counted, 2.2 s against 2.6 s wall
 * (median; the engine's container start dominates). At load ~8: 1.1 s against 1.6 s CPU.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { type DockerCli, dockerCli } from './engine.ts';
import { hostSystemMounts } from './images.ts';

/** How the container got its privileges. */
export type PrivilegeMode = 'privileged' | 'capabilities';

/** What to start. */
export interface SandboxContainerOptions {
  readonly image: string;
  /** Host paths visible read-only at the same path inside (harness root, plugin dir, CNI_PATH dirs). */
  readonly readOnlyPaths: readonly string[];
  /** Host directory mounted read-write at {@link CONTAINER_REPORT_DIR}. */
  readonly reportDir: string;
  /** Mount the host's system dirs (the default image has none of its own). */
  readonly mountHostSystem: boolean;
  /** Further read-only binds whose target differs from the source (the host's node in a foreign image). */
  readonly extraBinds?: readonly { readonly source: string; readonly target: string }[];
}

/** Where the reports directory appears inside the container. */
export const CONTAINER_REPORT_DIR = '/cni-conformance-reports';

/** What a command run in the container printed and how it exited. */
export interface ContainerExecResult {
  readonly exitCode: number;
  /** stdout then stderr. */
  readonly output: string;
}

/** A started sandbox container: how it was privileged, and the two things the run does with it. */
export interface SandboxContainer {
  readonly id: string;
  readonly privilege: PrivilegeMode;
  /** Runs argv in the container (`docker exec`); rejects only when it did not exit (timeout, engine gone). */
  exec(
    argv: readonly string[],
    options: { workingDir: string; timeoutMs: number },
  ): Promise<ContainerExecResult>;
  /** Removes the container (`docker rm -f`), whatever runs in it. */
  remove(): Promise<void>;
}

/** Debian's docker.io ships tini statically linked (its docker-init); static, so it runs in any image. */
const HOST_STATIC_INIT = '/usr/bin/tini-static';
const INIT_IN_CONTAINER = '/opt/cni-conformance/init';

const CAPABILITY_SECURITY_OPTS = ['seccomp=unconfined', 'apparmor=unconfined'];
const RUN_LABEL = 'cni-conformance.run';

/** Drops paths already visible through a mounted ancestor (a nested ro bind is pointless). */
export function minimalMounts(paths: readonly string[]): string[] {
  const sorted = [...new Set(paths)].sort();
  return sorted.filter((path) => !sorted.some((other) => other !== path && path.startsWith(`${other}/`)));
}

/** How the container's PID 1 is provided: the host's static tini mounted in, or the engine's --init. */
export type InitSource = 'host-tini' | 'engine';

/** The `docker run` arguments (after `docker`) that start the sandbox container detached. */
export function sandboxRunArgs(
  options: SandboxContainerOptions,
  privilege: PrivilegeMode,
  runLabel: string,
  init: InitSource,
): string[] {
  const system = options.mountHostSystem ? hostSystemMounts() : [];
  const volume = (source: string, target: string, mode: 'ro' | 'rw') => ['-v', `${source}:${target}:${mode}`];
  const privileges =
    privilege === 'privileged'
      ? ['--privileged']
      : [
          ...['NET_ADMIN', 'SYS_ADMIN'].flatMap((cap) => ['--cap-add', cap]),
          ...CAPABILITY_SECURITY_OPTS.flatMap((opt) => ['--security-opt', opt]),
        ];
  // PID 1 must reap orphans: with `sleep` as PID 1 the plugins and holders the suites kill stay zombies,
  // and checks that wait for a killed process to vanish hang. The engine's --init is mounted at
  // /sbin/docker-init, which fails when the image's /sbin is a link into the read-only host /usr.
  const entry =
    init === 'host-tini'
      ? [
          ...volume(HOST_STATIC_INIT, INIT_IN_CONTAINER, 'ro'),
          '--entrypoint',
          INIT_IN_CONTAINER,
          options.image,
          '--',
          'sleep',
          'infinity',
        ]
      : ['--init', options.image, 'sleep', 'infinity'];
  return [
    'run',
    '--detach',
    '--network',
    'none',
    '--label',
    'cni-conformance=sandbox',
    '--label',
    `${RUN_LABEL}=${runLabel}`,
    '--tmpfs',
    '/tmp:rw,mode=1777',
    ...minimalMounts([...system, ...options.readOnlyPaths]).flatMap((path) => volume(path, path, 'ro')),
    ...(options.extraBinds ?? []).flatMap((bind) => volume(bind.source, bind.target, 'ro')),
    ...volume(options.reportDir, CONTAINER_REPORT_DIR, 'rw'),
    ...privileges,
    ...entry,
  ];
}

/** A container whose start failed may stay "Created"; remove whatever this attempt left. */
async function removeAttempt(cli: DockerCli, runLabel: string): Promise<void> {
  const ids = await cli.run(['ps', '-aq', '--filter', `label=${RUN_LABEL}=${runLabel}`]);
  const list = ids.stdout.split('\n').filter(Boolean);
  if (list.length > 0) await cli.run(['rm', '-f', ...list]);
}

function started(cli: DockerCli, id: string, privilege: PrivilegeMode): SandboxContainer {
  return {
    id,
    privilege,
    async exec(argv, options) {
      const args = ['exec', '--workdir', options.workingDir, id, ...argv];
      const outcome = await cli.run(args, { timeoutMs: options.timeoutMs });
      if (outcome.exitCode === null) {
        const why = outcome.timedOut ? `timed out after ${options.timeoutMs / 1000} s` : outcome.spawnError;
        throw new Error(`docker exec in the sandbox container: ${why ?? `killed by ${outcome.signal}`}`);
      }
      return { exitCode: outcome.exitCode, output: outcome.stdout + outcome.stderr };
    },
    async remove() {
      await cli.ok(['rm', '--force', id]);
    },
  };
}

/** Starts the container privileged, or with explicit capabilities when the engine refuses that. */
export async function startSandboxContainer(
  options: SandboxContainerOptions,
  cli: DockerCli = dockerCli(),
): Promise<SandboxContainer> {
  const runLabel = randomUUID();
  const init: InitSource = existsSync(HOST_STATIC_INIT) ? 'host-tini' : 'engine';
  const attempt = async (privilege: PrivilegeMode) => {
    const id = await cli.ok(sandboxRunArgs(options, privilege, runLabel, init), { timeoutMs: 60_000 });
    return started(cli, id, privilege);
  };
  try {
    return await attempt('privileged');
  } catch (privilegedError) {
    await removeAttempt(cli, runLabel);
    try {
      return await attempt('capabilities');
    } catch (error) {
      await removeAttempt(cli, runLabel);
      const why = (cause: unknown) => (cause instanceof Error ? cause.message : String(cause));
      throw new Error(
        `the sandbox container did not start: privileged: ${why(privilegedError)}; with capabilities: ${why(error)}`,
        { cause: error },
      );
    }
  }
}
