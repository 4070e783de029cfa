import type { Executor, ProcessOutcome } from '../../../src/sandbox/process.ts';
/** A network namespace held open by a sleeping `unshare --net` process. */
export interface HostNetns {
  /** `/proc/<holder pid>/ns/net`. */
  readonly path: string;
  /** Runs plugins inside the namespace (mount and PID namespaces stay the host's, so /proc/<pid> works). */
  readonly executor: Executor;
  /** Runs a helper command (`ip`, `iptables-save`) inside the namespace. */
  command(argv: readonly string[]): Promise<ProcessOutcome>;
  /** Kills the holder; the namespace and everything in it (bridge, veth host ends) go with it. */
  destroy(): void;
}
/** Creates the namespace, with `lo` up, and proves it is not the host's before anything runs in it. */
export declare function createHostNetns(): Promise<HostNetns>;
