/**
 * Runs a program on the current host with exactly the given environment, exact stdin bytes, and a
 * timeout that kills the whole process group (a plugin that forks a sleeper must not hang the run).
 * Plain child_process rather than execa: execa costs ~5 ms of CPU per call here, and a suite run makes
 * hundreds of plugin calls on two cores (`npm run bench` measures it).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
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

/** SIGKILLs a process group (a detached child's pid); a group already gone is fine. */
export function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // The group is already gone.
  }
}

/** Process groups still running; killed if this process exits first (a plugin must not outlive the run). */
const liveGroups = new Set<number>();
let exitHookInstalled = false;

function trackGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  liveGroups.add(pid);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const group of liveGroups) killGroup(group);
  });
}

/** Buffers a child's stdout and stderr; the returned function reads them as UTF-8 text. */
export function collectOutput(child: ChildProcess): () => { stdout: string; stderr: string } {
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
  return () => ({
    stdout: Buffer.concat(stdout).toString('utf8'),
    stderr: Buffer.concat(stderr).toString('utf8'),
  });
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
    }, request.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    let graceTimer: NodeJS.Timeout | undefined;
    child.once('exit', () => {
      graceTimer = setTimeout(() => killGroup(child.pid), ORPHAN_GRACE_MS);
    });
    child.stdin?.on('error', () => undefined); // the program may exit without reading stdin
    child.stdin?.end(request.stdin ?? '');
    child.once('error', (error) => {
      spawnError = error.message;
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      clearTimeout(graceTimer);
      if (child.pid !== undefined) liveGroups.delete(child.pid);
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
