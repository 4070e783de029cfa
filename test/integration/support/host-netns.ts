/**
 * A throwaway HOST network namespace for the seed scenario: the plugins run there (via nsenter), so the
 * bridge, the host ends of the veths, portmap's rules and sysctls all live in a namespace this code made
 * and that disappears with its holder process. The real host's network is never touched.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readlinkSync } from 'node:fs';
import { runProcess } from '../../../src/sandbox/host-executor.ts';
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

function waitForNewNetns(holder: ChildProcess, hostNetns: string): Promise<string> {
  const path = `/proc/${holder.pid}/ns/net`;
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = () => {
      let current = '';
      try {
        current = readlinkSync(path);
      } catch {
        // not yet
      }
      if (current !== '' && current !== hostNetns) return resolve(path);
      if (Date.now() - started > 5_000) return reject(new Error('unshare --net did not start'));
      setTimeout(poll, 10);
    };
    poll();
  });
}

/** Creates the namespace, with `lo` up, and proves it is not the host's before anything runs in it. */
export async function createHostNetns(): Promise<HostNetns> {
  const hostNetns = readlinkSync('/proc/self/ns/net');
  // unshare execs sleep, so the holder pid is the sleep and its netns is the new one.
  const holder = spawn('unshare', ['--net', '--', 'sleep', 'infinity'], { stdio: 'ignore' });
  const path = await waitForNewNetns(holder, hostNetns);
  const prefix = ['nsenter', `--net=${path}`, '--'];
  const netns: HostNetns = {
    path,
    executor: { run: (request) => runProcess(request, { prefix }) },
    command: ([file, ...args]) => runProcess({ file: file ?? 'true', args, env: {} }, { prefix }),
    destroy: () => {
      holder.kill('SIGKILL');
    },
  };
  await netns.command(['ip', 'link', 'set', 'lo', 'up']);
  return netns;
}
