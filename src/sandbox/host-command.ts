/**
 * The one seam for host commands off the plugin hot path (runtime adapters' ctr/podman/runc/unshare/umount/tar,
 * the Go and C builds, tool probes, the docker CLI of the docker sandbox and its image builds, vagrant and the
 * vagrant payload's tar): execa, in its own process group that a timeout kills whole, and a failure
 * is one line naming the command, how it ended and the first line of its stderr. Callers take a
 * {@link HostCommandRunner} so a test can hand them a fake. Plugin calls and the inspector's helpers keep their
 * measured child_process runners (host-executor.ts, quick-command.ts): execa costs ~5 ms more CPU per call
 * there (measured in quick-command.ts).
 */
import { performance } from 'node:perf_hooks';
import { execa } from 'execa';
import { killGroup } from './host-executor.ts';
import type { ProcessOutcome } from './process.ts';

/** Options of one host command. */
export interface HostCommandOptions {
  readonly cwd?: string;
  /** The whole environment (as execFile's `env`), not additions to this process's. @defaultValue process.env */
  readonly env?: NodeJS.ProcessEnv;
  readonly input?: string;
  /** The process group is SIGKILLed after this long. @defaultValue 120_000 */
  readonly timeoutMs?: number;
}

/** What a command that exited 0 printed. */
export interface HostCommandOutput {
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `file args`; resolves when it exits 0, rejects with a {@link HostCommandError} otherwise. */
export type HostCommandRunner = (
  file: string,
  args: readonly string[],
  options?: HostCommandOptions,
) => Promise<HostCommandOutput>;

/** A host command that did not exit 0: `message` is one line. */
export class HostCommandError extends Error {
  /** The program was not found (spawn ENOENT). */
  readonly notFound: boolean;
  readonly timedOut: boolean;
  readonly exitCode: number | undefined;
  /** The signal that ended it ("SIGKILL" after a timeout), when one did. */
  readonly signal: string | undefined;
  readonly stdout: string;
  readonly stderr: string;

  constructor(
    command: string,
    outcome: {
      notFound: boolean;
      timedOut: boolean;
      exitCode: number | undefined;
      signal: string | undefined;
      stdout: string;
      stderr: string;
    },
    timeoutMs: number,
  ) {
    const how = outcome.notFound
      ? 'not found'
      : outcome.timedOut
        ? `timed out after ${timeoutMs / 1000} s (process group killed)`
        : outcome.exitCode !== undefined
          ? `exited ${outcome.exitCode}`
          : `killed by ${outcome.signal ?? 'a signal'}`;
    const detail = outcome.stderr.trim().split('\n')[0] ?? '';
    super(`\`${command}\` ${how}${detail ? `: ${detail}` : ''}`);
    this.name = 'HostCommandError';
    this.notFound = outcome.notFound;
    this.timedOut = outcome.timedOut;
    this.exitCode = outcome.exitCode;
    this.signal = outcome.timedOut ? 'SIGKILL' : outcome.signal;
    this.stdout = outcome.stdout;
    this.stderr = outcome.stderr;
  }
}

const DEFAULT_TIMEOUT_MS = 120_000;

/** The real runner. */
export const runHostCommand: HostCommandRunner = async (file, args, options = {}) => {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const subprocess = execa(file, [...args], {
    ...(options.cwd ? { cwd: options.cwd } : {}),
    ...(options.env ? { env: options.env, extendEnv: false } : {}),
    ...(options.input !== undefined ? { input: options.input } : { stdin: 'ignore' as const }),
    // Own process group, so the timeout below reaches every descendant (execa's own kills the child only,
    // and a grandchild holding stdout open would keep the command "running").
    detached: true,
    reject: false,
    stripFinalNewline: false,
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup(subprocess.pid);
  }, timeoutMs);
  const result = await subprocess.finally(() => clearTimeout(timer));
  const stdout = String(result.stdout ?? '');
  const stderr = String(result.stderr ?? '');
  if (!result.failed) return { stdout, stderr };
  const notFound = (result.cause as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
  throw new HostCommandError(
    [file, ...args].join(' '),
    { notFound, timedOut, exitCode: result.exitCode, signal: result.signal, stdout, stderr },
    timeoutMs,
  );
};

/**
 * Runs `file args` through `run` and says how it ended as data, for callers to which a non-zero exit is an
 * answer rather than a failure (`docker exec` of the inner CLI, `vagrant ssh`). Rethrows what is not a
 * {@link HostCommandError} (a fake's bug, say).
 */
export async function runToOutcome(
  run: HostCommandRunner,
  file: string,
  args: readonly string[],
  options?: HostCommandOptions,
): Promise<ProcessOutcome> {
  const started = performance.now();
  const base = { timedOut: false, signal: null, spawnError: null };
  try {
    const output = await run(file, args, options);
    return { ...output, ...base, exitCode: 0, durationMs: performance.now() - started };
  } catch (error) {
    if (!(error instanceof HostCommandError)) throw error;
    const ended = error.exitCode !== undefined || error.signal !== undefined || error.timedOut;
    return {
      stdout: error.stdout,
      stderr: error.stderr,
      exitCode: error.timedOut ? null : (error.exitCode ?? null),
      signal: error.signal ?? null,
      timedOut: error.timedOut,
      spawnError: ended ? null : error.message,
      durationMs: performance.now() - started,
    };
  }
}
