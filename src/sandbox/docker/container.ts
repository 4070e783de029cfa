/**
 * The sandbox container, started with testcontainers: `--network none`, the host's /usr and /etc (and
 * real library dirs) read-only, the harness and the plugin's paths read-only at their host paths, and one
 * read-write reports directory. Privileged when the engine allows it; otherwise NET_ADMIN + SYS_ADMIN
 * with unconfined seccomp and AppArmor (enough for unshare, mount and netlink; what the netns sandbox
 * inside needs). Ryuk is disabled: it would pull its image, and we remove the container ourselves.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { GenericContainer, StartedTestContainer } from 'testcontainers';
import { docker } from './engine.ts';
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

/** A started sandbox container and how it was privileged. */
export interface SandboxContainer {
  readonly container: StartedTestContainer;
  readonly privilege: PrivilegeMode;
}

/** Debian's docker.io ships tini statically linked (its docker-init); static, so it runs in any image. */
const HOST_STATIC_INIT = '/usr/bin/tini-static';
const INIT_IN_CONTAINER = '/opt/cni-conformance/init';

const CAPABILITY_SECURITY_OPTS = ['seccomp=unconfined', 'apparmor=unconfined'];

/** Drops paths already visible through a mounted ancestor (a nested ro bind is pointless). */
export function minimalMounts(paths: readonly string[]): string[] {
  const sorted = [...new Set(paths)].sort();
  return sorted.filter((path) => !sorted.some((other) => other !== path && path.startsWith(`${other}/`)));
}

async function configure(
  options: SandboxContainerOptions,
  privilege: PrivilegeMode,
  runLabel: string,
): Promise<GenericContainer> {
  process.env.TESTCONTAINERS_RYUK_DISABLED = 'true';
  // Inside a container (/.dockerenv) testcontainers looks up the engine's "bridge" network gateway to
  // reach mapped ports, or runs alpine to find it; we map no ports and run dockerd with --bridge=none.
  process.env.TESTCONTAINERS_HOST_OVERRIDE ??= 'localhost';
  const { GenericContainer } = await import('testcontainers');
  // SecurityOpt has no builder method; the subclass reaches the protected host config.
  class SecuredContainer extends GenericContainer {
    withSecurityOpts(opts: readonly string[]): this {
      this.hostConfig.SecurityOpt = [...opts];
      return this;
    }
    /** `docker run --init`, the engine's own init (used when the host has no static tini to mount). */
    withEngineInit(): this {
      this.hostConfig.Init = true;
      return this;
    }
  }
  const system = options.mountHostSystem ? hostSystemMounts() : [];
  const binds = minimalMounts([...system, ...options.readOnlyPaths]).map((path) => ({
    source: path,
    target: path,
    mode: 'ro' as const,
  }));
  const init = existsSync(HOST_STATIC_INIT)
    ? [{ source: HOST_STATIC_INIT, target: INIT_IN_CONTAINER, mode: 'ro' as const }]
    : [];
  let container = new SecuredContainer(options.image)
    .withNetworkMode('none')
    .withBindMounts([
      ...binds,
      ...init,
      ...(options.extraBinds ?? []).map((bind) => ({ ...bind, mode: 'ro' as const })),
      { source: options.reportDir, target: CONTAINER_REPORT_DIR, mode: 'rw' },
    ])
    .withTmpFs({ '/tmp': 'rw,mode=1777' })
    .withLabels({ 'cni-conformance': 'sandbox', [RUN_LABEL]: runLabel })
    .withStartupTimeout(30_000);
  // PID 1 must reap orphans: with `sleep` as PID 1 the plugins and holders the suites kill stay zombies,
  // and checks that wait for a killed process to vanish hang. The engine's --init is mounted at
  // /sbin/docker-init, which fails when the image's /sbin is a link into the read-only host /usr.
  container =
    init.length > 0
      ? container.withEntrypoint([INIT_IN_CONTAINER, '--', 'sleep', 'infinity'])
      : container.withEngineInit().withCommand(['sleep', 'infinity']);
  if (privilege === 'privileged') return container.withPrivilegedMode();
  return container.withAddedCapabilities('NET_ADMIN', 'SYS_ADMIN').withSecurityOpts(CAPABILITY_SECURITY_OPTS);
}

const RUN_LABEL = 'cni-conformance.run';

/** A container whose start failed stays "Created"; remove whatever this attempt left. */
async function removeAttempt(runLabel: string): Promise<void> {
  const ids = await docker(['ps', '-aq', '--filter', `label=${RUN_LABEL}=${runLabel}`]);
  const list = ids.stdout.split('\n').filter(Boolean);
  if (list.length > 0) await docker(['rm', '-f', ...list]);
}

/** Starts the container privileged, or with explicit capabilities when the engine refuses that. */
export async function startSandboxContainer(options: SandboxContainerOptions): Promise<SandboxContainer> {
  const runLabel = randomUUID();
  try {
    const container = await (await configure(options, 'privileged', runLabel)).start();
    return { container, privilege: 'privileged' };
  } catch (privilegedError) {
    await removeAttempt(runLabel);
    try {
      const container = await (await configure(options, 'capabilities', runLabel)).start();
      return { container, privilege: 'capabilities' };
    } catch (error) {
      await removeAttempt(runLabel);
      throw new AggregateError([privilegedError, error], 'the sandbox container did not start');
    }
  }
}
