/**
 * The sandbox contract: a throwaway HOST network namespace in which plugins run, with private
 * /run (so /run/netns and /var/run/netns), /var/lib/cni, /etc/cni/net.d, /opt/cni/bin and /tmp,
 * plus CONTAINER network namespaces whose paths are real nsfs mounts visible inside it.
 */
import type { PidsLimit } from './pids-limit.ts';
import type { Executor, ProcessOutcome, ProcessRequest } from './process.ts';

/** How the sandbox got its privileges: as real root, or as root of a user namespace. */
export type SandboxMode = 'root' | 'rootless';

/** A container network namespace inside a sandbox. */
export interface Container {
  /** Namespace name, e.g. "ctr-1". */
  readonly name: string;
  /** The `CNI_NETNS` value: an nsfs mount path valid inside the sandbox ("/run/netns/ctr-1"). */
  readonly netnsPath: string;
}

/** Where a helper command runs: the sandbox's host namespace, or one of its containers. */
export interface CommandOptions {
  /** Run inside this container's network namespace instead of the sandbox host namespace. */
  readonly container?: string;
  readonly stdin?: string;
  /** @defaultValue 10_000 */
  readonly timeoutMs?: number;
}

/** A sandbox: an Executor whose programs run inside it, plus container management. */
export interface Sandbox extends Executor {
  readonly id: string;
  readonly mode: SandboxMode;
  /** The pids cgroup that bounds a fork bomb in plugin calls, or why there is none. */
  readonly pidsLimit?: PidsLimit;
  /** Runs a program in the sandbox host namespace (plugin calls). Process group killed on timeout. */
  run(request: ProcessRequest): Promise<ProcessOutcome>;
  /** Runs a helper command (`ip`, `iptables-save`, `cat`…) found on PATH, in the host ns or a container. */
  command(argv: readonly string[], options?: CommandOptions): Promise<ProcessOutcome>;
  /** Creates a container network namespace with `lo` down, as a runtime would before ADD. */
  addContainer(name?: string): Promise<Container>;
  /** Unmounts and deletes a container namespace, as a runtime does after DEL (or a test before DEL). */
  removeContainer(name: string): Promise<void>;
  /** Kills every process in the sandbox and releases its namespaces and files. Idempotent. */
  destroy(): Promise<void>;
}
