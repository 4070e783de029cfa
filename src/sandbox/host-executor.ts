/**
 * Runs a program on the current host with exactly the given environment, exact stdin bytes, and a
 * timeout that kills the whole process group (a plugin that forks a sleeper must not hang the run).
 */
import { performance } from 'node:perf_hooks';
import { execa } from 'execa';
import type { Executor, ProcessOutcome, ProcessRequest } from './process.ts';

/** Default per-call timeout. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * After the main process exits, its leftover children may still hold stdout open; give them this long,
 * then kill the group so the run goes on.
 */
const ORPHAN_GRACE_MS = 250;

/** A PATH for helper programs when the caller's env has none. */
export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** Options for {@link runProcess}: a prefix lets sandboxes wrap the program (e.g. with nsenter). */
export interface RunProcessOptions {
  /** argv run before the program, e.g. ["nsenter", "--target", "42", "--net", "--mount", "--"]. */
  readonly prefix?: readonly string[];
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // The group is already gone.
  }
}

/** Runs one program; never throws for anything the program does. */
export async function runProcess(
  request: ProcessRequest,
  options: RunProcessOptions = {},
): Promise<ProcessOutcome> {
  const argv = [...(options.prefix ?? []), request.file, ...(request.args ?? [])];
  const [file, ...args] = argv as [string, ...string[]];
  const env = { PATH: DEFAULT_PATH, ...request.env };
  const timeoutMs = request.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const started = performance.now();
  const subprocess = execa(file, args, {
    env,
    extendEnv: false,
    input: request.stdin ?? '',
    detached: true, // own process group, so the timeout can kill every descendant
    reject: false,
    stripFinalNewline: false,
    encoding: 'utf8',
    cleanup: true,
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup(subprocess.pid);
  }, timeoutMs);
  let graceTimer: NodeJS.Timeout | undefined;
  subprocess.once('exit', () => {
    graceTimer = setTimeout(() => killGroup(subprocess.pid), ORPHAN_GRACE_MS);
  });
  const result = await subprocess;
  clearTimeout(timer);
  clearTimeout(graceTimer);
  const durationMs = performance.now() - started;
  const spawnError = result.failed && result.exitCode === undefined && !result.signal && !timedOut;
  return {
    stdout: typeof result.stdout === 'string' ? result.stdout : '',
    stderr: typeof result.stderr === 'string' ? result.stderr : '',
    exitCode: timedOut ? null : (result.exitCode ?? null),
    signal: timedOut ? 'SIGKILL' : (result.signal ?? null),
    timedOut,
    spawnError: spawnError ? (result.originalMessage ?? result.shortMessage ?? 'spawn failed') : null,
    durationMs,
  };
}

/** Runs programs directly on this host (cnitool mode). */
export const hostExecutor: Executor = { run: (request) => runProcess(request) };
