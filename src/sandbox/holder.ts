/**
 * Starts a sandbox holder: `unshare … sh -c <holder script>`. PID 1 of the sandbox reads a pipe from the
 * harness and exits at EOF, so when the harness dies (even by SIGKILL) PID 1 dies, the kernel kills
 * everything in the sandbox and `unshare` exits: no namespace outlives the harness. `--kill-child`
 * covers the other order (the `unshare` process killed first) until a root sandbox's PID 1 enters its user
 * namespace (gaining capabilities there clears the death signal); the pipe still ends it then.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { HarnessError } from '../errors.ts';
import { buildHolderScript, SANDBOX_INIT_NAME, USER_NAMESPACE_MAP_LINE } from './holder-script.ts';
import { DEFAULT_PATH } from './host-executor.ts';
import { preparedMountPlan } from './mount-plan.ts';
import type { SandboxMode } from './sandbox.ts';

/** A running holder: the `unshare` process and the host PID of the sandbox's PID 1. */
export interface Holder {
  readonly process: ChildProcess;
  readonly holderPid: number;
  readonly initPid: number;
  /** Resolves when the holder has exited (after the whole PID namespace is gone). */
  readonly exited: Promise<void>;
}

/** Options for {@link startHolder}. */
export interface StartHolderOptions {
  readonly sandboxId: string;
  readonly mode: SandboxMode;
  /** Rootless: the host PID of a process whose user namespace the sandbox joins instead of making its own. */
  readonly userNamespaceOf?: number;
  /** @defaultValue 10_000 */
  readonly timeoutMs?: number;
  /** Host directories the plugin under test is run from (SandboxOptions.visibleHostDirs). */
  readonly visibleHostDirs?: readonly string[];
}

/**
 * The argv prefix that enters the user namespace of the process `pid` as its root (the caller's uid maps to it),
 * keeping the caller's credentials; the caller appends other namespaces' options and `--`.
 */
export function userNamespaceEntry(pid: number): string[] {
  return ['nsenter', '--target', String(pid), '--user', '--preserve-credentials'];
}

/**
 * The argv that starts a holder. Rootless: user, net, IPC, UTS, mount and PID namespaces at once. Root: a mount
 * and PID namespace where PID 1, still real root, makes the host view read-only before it enters its user,
 * net, IPC, UTS and mount namespaces (holder-script.ts); the PID namespace stays the initial user namespace's, so
 * only real root can mount a /proc for it and the read-only /proc/sys holds. Rootless with
 * `userNamespaceOf`: `nsenter` enters that user namespace (as its root, which the caller's uid maps to) and
 * execs `unshare` for the rest, so the new namespaces are owned by it: one user namespace can then link the
 * network namespaces of several sandboxes (a veth needs CAP_NET_ADMIN over both ends).
 */
export function buildHolderArgv(options: StartHolderOptions): string[] {
  const rootless = options.mode === 'rootless';
  const joined = options.userNamespaceOf;
  if (joined !== undefined && !rootless) {
    throw new HarnessError(
      'CNI_CONFORMANCE_USAGE',
      'only a rootless sandbox can join another user namespace',
    );
  }
  const { plan, file } = preparedMountPlan(rootless, options.visibleHostDirs);
  return [
    ...(joined === undefined ? [] : [...userNamespaceEntry(joined), '--']),
    'unshare',
    ...(rootless
      ? [...(joined === undefined ? ['--user', '--map-root-user'] : []), '--net', '--ipc', '--uts']
      : []),
    '--mount',
    '--pid',
    '--fork',
    '--kill-child',
    '--propagation',
    'private',
    'sh',
    '-c',
    buildHolderScript({ sandboxId: options.sandboxId, plan, fstabFile: file }),
    SANDBOX_INIT_NAME,
  ];
}

/** Starts a holder and waits for its `ready <pid>` line; throws CNI_CONFORMANCE_SANDBOX_FAILED otherwise. */
export async function startHolder(options: StartHolderOptions): Promise<Holder> {
  const [file, ...args] = buildHolderArgv(options) as [string, ...string[]];
  const child = spawn(file, args, { stdio: ['pipe', 'pipe', 'pipe'], env: { PATH: DEFAULT_PATH } });
  // A holder that died (or was killed for being late) before it read the answer to its map line: the
  // failure is reported through its exit, never as an unhandled EPIPE.
  child.stdin?.on('error', () => undefined);
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  try {
    const initPid = await readReadyLine(child, options.timeoutMs ?? 10_000);
    // Never keep the harness alive for a sandbox someone forgot to destroy: pdeathsig cleans it up.
    child.unref();
    for (const stream of [child.stdout, child.stderr])
      (stream as unknown as { unref?: () => void }).unref?.();
    return { process: child, holderPid: child.pid ?? -1, initPid, exited };
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    throw error;
  }
}

function readReadyLine(child: ChildProcess, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    let settled = false;
    const fail = (why: string) => {
      settled = true;
      clearTimeout(timer);
      const detail = stderr.trim().split('\n').slice(-3).join('; ');
      reject(
        new HarnessError(
          'CNI_CONFORMANCE_SANDBOX_FAILED',
          `sandbox could not start: ${why}${detail ? `: ${detail}` : ''}`,
          {
            fix: 'check the sandbox prerequisites (unshare, nsenter, mount, iproute2; user namespaces when not root)',
          },
        ),
      );
    };
    const timer = setTimeout(() => fail(`no ready signal within ${timeoutMs} ms`), timeoutMs);
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    let mapped = false;
    child.stdout?.on('data', (chunk: Buffer) => {
      if (settled) return;
      stdout += chunk.toString();
      const map = USER_NAMESPACE_MAP_LINE.exec(stdout);
      if (map && !mapped) {
        mapped = true;
        try {
          mapIdentity(Number(map[1]));
        } catch (error) {
          fail(`cannot write the user namespace's uid/gid maps: ${(error as Error).message}`);
          return;
        }
        child.stdin?.write('mapped\n');
      }
      const match = /^ready (\d+)$/m.exec(stdout);
      if (!match) return;
      settled = true;
      clearTimeout(timer);
      resolve(Number(match[1]));
    });
    child.once('error', (error) => fail(error.message));
    child.once('close', (code, signal) => fail(`holder exited (${signal ?? `code ${code}`})`));
  });
}

/** Every host uid and gid is itself in the sandbox's user namespace: file owners stay, daemons can drop to nobody. */
const IDENTITY_MAP = '0 0 4294967295\n';

/** Writes a root sandbox's identity maps (only a process outside its user namespace, with CAP_SETUID, can). */
function mapIdentity(pid: number): void {
  writeFileSync(`/proc/${pid}/uid_map`, IDENTITY_MAP);
  writeFileSync(`/proc/${pid}/gid_map`, IDENTITY_MAP);
}
