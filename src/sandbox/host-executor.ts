/**
 * Runs a program on the current host with exactly the given environment, exact stdin bytes, and a
 * timeout that kills the whole process group (a plugin that forks a sleeper must not hang the run).
 * Plain child_process rather than execa: execa costs ~5 ms of CPU per call here, and a suite run makes
 * hundreds of plugin calls on two cores (`npm run bench` measures it).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import type { Executor, ProcessOutcome, ProcessRequest } from './process.ts';
import {
  boundedSink,
  DEFAULT_PATH,
  DEFAULT_TIMEOUT_MS,
  killGroup,
  ORPHAN_GRACE_MS,
  OUTPUT_LIMIT_BYTES,
  trackGroup,
  untrackGroup,
} from './process-groups.ts';

export { DEFAULT_PATH, DEFAULT_TIMEOUT_MS, killGroup, OUTPUT_LIMIT_BYTES } from './process-groups.ts';

/** Options for {@link runProcess}: a prefix lets sandboxes wrap the program (e.g. with nsenter). */
export interface RunProcessOptions {
  /** argv run before the program, e.g. ["nsenter", "--target", "42", "--net", "--mount", "--"]. */
  readonly prefix?: readonly string[];
}

/** What {@link collectOutput} read: each stream's kept prefix and which streams were cut. */
export type CollectedOutput = Pick<ProcessOutcome, 'stdout' | 'stderr' | 'truncated'>;

/** Buffers a child's stdout and stderr up to {@link OUTPUT_LIMIT_BYTES} each; the returned function reads them. */
export function collectOutput(child: ChildProcess, limit = OUTPUT_LIMIT_BYTES): () => CollectedOutput {
  const stdout = boundedSink(limit);
  const stderr = boundedSink(limit);
  child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
  return () => {
    const truncated = [
      ...(stdout.truncated() ? ['stdout' as const] : []),
      ...(stderr.truncated() ? ['stderr' as const] : []),
    ];
    return { stdout: stdout.text(), stderr: stderr.text(), ...(truncated.length > 0 ? { truncated } : {}) };
  };
}

/**
 * A process that left its group (setsid) keeps our pipes open after the group is killed; stop waiting for
 * them after one more grace period so the run goes on. The sandbox it runs in kills it on destroy.
 */
function abandonAfterGrace(child: ChildProcess): void {
  setTimeout(() => {
    child.stdout?.destroy();
    child.stderr?.destroy();
  }, ORPHAN_GRACE_MS).unref();
}

/** Runs one program; never throws for anything the program does. */
export function runProcess(
  request: ProcessRequest,
  options: RunProcessOptions = {},
): Promise<ProcessOutcome> {
  const argv = [...(options.prefix ?? []), request.file, ...(request.args ?? [])];
  const [file, ...args] = argv as [string, ...string[]];
  const started = performance.now();
  return new Promise((resolve) => {
    // Own process group (detached), so the timeout can kill every descendant.
    const child = spawn(file, args, {
      env: { PATH: DEFAULT_PATH, ...request.env },
      detached: true,
      stdio: 'pipe',
    });
    trackGroup(child.pid);
    const output = collectOutput(child);
    let timedOut = false;
    let spawnError: string | null = null;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
      abandonAfterGrace(child);
    }, request.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    let graceTimer: NodeJS.Timeout | undefined;
    child.once('exit', () => {
      graceTimer = setTimeout(() => {
        killGroup(child.pid);
        abandonAfterGrace(child);
      }, ORPHAN_GRACE_MS);
    });
    child.stdin?.on('error', () => undefined); // the program may exit without reading stdin
    child.stdin?.end(request.stdin ?? '');
    child.once('error', (error) => {
      spawnError = error.message;
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      clearTimeout(graceTimer);
      untrackGroup(child.pid);
      resolve({
        ...output(),
        exitCode: timedOut || spawnError ? null : code,
        signal: timedOut ? 'SIGKILL' : (signal ?? null),
        timedOut,
        spawnError,
        durationMs: performance.now() - started,
      });
    });
  });
}

/** Runs programs directly on this host (cnitool mode). */
export const hostExecutor: Executor = { run: (request) => runProcess(request) };
