/**
 * The namespace sandbox driver: one holder process per sandbox owns a private user, network, IPC, UTS, mount and
 * PID namespace; programs enter them with nsenter.
 */
import { randomBytes } from 'node:crypto';
import { HarnessError } from '../errors.ts';
import { cleanStaleRunsOnce } from './clean.ts';
import { type Holder, startHolder } from './holder.ts';
import { runProcess } from './host-executor.ts';
import { createPidsLimit, joinPidsLimitPrefix, type PidsLimit, removePidsLimitDir } from './pids-limit.ts';
import type { ProcessOutcome, ProcessRequest } from './process.ts';
import { runCommand } from './quick-command.ts';
import { forgetSandbox, recordSandbox } from './run-dir.ts';
import type { CommandOptions, Container, Sandbox, SandboxMode } from './sandbox.ts';

/** Options for {@link createSandbox}. */
export interface SandboxOptions {
  /** @defaultValue 'root' when running as root, else 'rootless' */
  readonly mode?: SandboxMode;
  /**
   * Rootless: the host PID of a process (another sandbox's PID 1) whose user namespace this sandbox joins, so
   * the two sandboxes' namespaces can be linked; by default a rootless sandbox makes a user namespace of its own.
   */
  readonly userNamespaceOf?: number;
  /** @defaultValue a random id such as "sb-1a2b3c4d" */
  readonly id?: string;
  /** How long the holder may take to come up. @defaultValue 10_000 */
  readonly startTimeoutMs?: number;
  /** Tasks plugin calls may hold at once (cgroup pids.max). @defaultValue 1024 (SANDBOX_PIDS_MAX) */
  readonly pidsMax?: number;
  /**
   * Host directories the plugin under test and its delegates are run from (its own directory, CNI_PATH). The
   * private CNI directories start empty; one that holds such a directory (a plugin in /opt/cni/bin) shows the
   * host's files instead, copy-on-write. @defaultValue none
   */
  readonly visibleHostDirs?: readonly string[];
}

const NO_PIDS_LIMIT: PidsLimit = { kind: 'unavailable', reason: 'the sandbox was never set up' };

const CONTAINER_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const DEFAULT_COMMAND_TIMEOUT_MS = 10_000;

/** The mode this process gets by default: root when euid is 0. */
export function defaultSandboxMode(): SandboxMode {
  return process.geteuid?.() === 0 ? 'root' : 'rootless';
}

/** Creates a sandbox and waits until it is ready; throws CNI_CONFORMANCE_SANDBOX_FAILED if it cannot. */
export async function createSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const mode = options.mode ?? defaultSandboxMode();
  const id = options.id ?? `sb-${randomBytes(4).toString('hex')}`;
  cleanStaleRunsOnce();
  const holder = await startHolder({
    sandboxId: id,
    mode,
    timeoutMs: options.startTimeoutMs,
    visibleHostDirs: options.visibleHostDirs,
    userNamespaceOf: options.userNamespaceOf,
  });
  try {
    // Recorded before its cgroup exists: a crash in between leaves nothing `clean` does not know of.
    recordSandbox(id, holder.holderPid, holder.initPid);
  } catch (error) {
    await new NamespaceSandbox(id, mode, holder, NO_PIDS_LIMIT).destroy();
    throw new HarnessError(
      'CNI_CONFORMANCE_SANDBOX_FAILED',
      `cannot record sandbox ${id} in the run directory`,
      {
        cause: error,
        fix: 'make the run directory writable, or set XDG_RUNTIME_DIR',
      },
    );
  }
  const pidsLimit: PidsLimit =
    mode === 'root'
      ? createPidsLimit(id, options.pidsMax)
      : { kind: 'unavailable', reason: 'rootless: an unprivileged user cannot create cgroups' };
  return new NamespaceSandbox(id, mode, holder, pidsLimit);
}

/** Runs `body` with a fresh sandbox and destroys the sandbox afterwards, whatever happens. */
export async function withSandbox<T>(
  body: (sandbox: Sandbox) => Promise<T>,
  options: SandboxOptions = {},
): Promise<T> {
  const sandbox = await createSandbox(options);
  try {
    return await body(sandbox);
  } finally {
    await sandbox.destroy();
  }
}

class NamespaceSandbox implements Sandbox {
  private containerCount = 0;
  private destroyed: Promise<void> | undefined;

  constructor(
    readonly id: string,
    readonly mode: SandboxMode,
    private readonly holder: Holder,
    readonly pidsLimit: PidsLimit,
  ) {}

  /** nsenter argv entering the sandbox; `net` replaces the host namespace with a container's. */
  private prefix(net?: string): string[] {
    const target = String(this.holder.initPid);
    // Root too: the plugin and everything else is root only of the sandbox's user namespace.
    const user = ['--user', '--preserve-credentials'];
    const netOption = net === undefined ? '--net' : `--net=/proc/${target}/root${net}`;
    return ['nsenter', '--target', target, ...user, '--mount', '--pid', '--ipc', '--uts', netOption, '--'];
  }

  private assertAlive(): void {
    if (this.destroyed) {
      throw new HarnessError('CNI_CONFORMANCE_SANDBOX_FAILED', `sandbox ${this.id} was already destroyed`);
    }
  }

  run(request: ProcessRequest): Promise<ProcessOutcome> {
    this.assertAlive();
    return runProcess(request, {
      prefix: [...joinPidsLimitPrefix(this.pidsLimit, 'PWD' in request.env), ...this.prefix()],
    });
  }

  command(argv: readonly string[], options: CommandOptions = {}): Promise<ProcessOutcome> {
    this.assertAlive();
    const [file, ...args] = argv;
    if (file === undefined)
      throw new HarnessError('CNI_CONFORMANCE_USAGE', 'sandbox.command needs a program');
    const net = options.container === undefined ? undefined : this.containerPath(options.container);
    return runCommand([...this.prefix(net), file, ...args], {
      stdin: options.stdin,
      timeoutMs: options.timeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS,
    });
  }

  private containerPath(name: string): string {
    if (!CONTAINER_NAME.test(name)) {
      throw new HarnessError('CNI_CONFORMANCE_USAGE', `invalid container name ${JSON.stringify(name)}`, {
        fix: 'use letters, digits, ".", "_" or "-" (at most 64 characters)',
      });
    }
    return `/run/netns/${name}`;
  }

  async addContainer(name?: string): Promise<Container> {
    this.containerCount += 1;
    const chosen = name ?? `ctr-${this.containerCount}`;
    const netnsPath = this.containerPath(chosen);
    await this.mustSucceed(['ip', 'netns', 'add', chosen], `create container ${chosen}`);
    return { name: chosen, netnsPath };
  }

  async removeContainer(name: string): Promise<void> {
    this.containerPath(name);
    await this.mustSucceed(['ip', 'netns', 'delete', name], `remove container ${name}`);
  }

  private async mustSucceed(argv: readonly string[], what: string): Promise<void> {
    const outcome = await this.command(argv);
    if (outcome.exitCode === 0) return;
    const reason =
      outcome.stderr.trim() || outcome.spawnError || `exit ${outcome.exitCode ?? outcome.signal}`;
    throw new HarnessError(
      'CNI_CONFORMANCE_SANDBOX_FAILED',
      `sandbox ${this.id}: could not ${what}: ${reason}`,
    );
  }

  destroy(): Promise<void> {
    this.destroyed ??= this.kill();
    return this.destroyed;
  }

  /**
   * Kills PID 1 rather than the holder: the kernel then kills every process in the PID namespace and
   * `unshare` exits only after they are all reaped, so awaiting its exit means the sandbox is gone.
   */
  private async kill(): Promise<void> {
    const { process: child, initPid } = this.holder;
    child.ref(); // the holder was unref'd; keep the event loop alive until it has exited
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(initPid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }
    await this.holder.exited;
    if (this.pidsLimit.kind === 'limited') await removeWhenEmpty(this.pidsLimit.dir);
    forgetSandbox(this.id);
  }
}

/**
 * The kernel frees a cgroup once its last task is reaped, which after a fork bomb on a busy machine takes a
 * while: retry for up to five seconds.
 */
async function removeWhenEmpty(dir: string): Promise<void> {
  for (let attempt = 0; attempt < 500 && !removePidsLimitDir(dir); attempt += 1)
    await new Promise((resolve) => setTimeout(resolve, 10));
}
