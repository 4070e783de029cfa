/**
 * The executor of `exec` in the native build (Bun): hostExecutor's contract (src/sandbox/host-executor.ts: the
 * exact environment plus a default PATH, the stdin bytes then EOF, an own process group killed at the timeout
 * and ORPHAN_GRACE_MS after the program exits while descendants hold its pipes, each stream kept up to a bound)
 * on Bun.spawn. Under Bun, node:child_process wraps every child in Node streams: ~15 ms of CPU for the first
 * spawn, a third of what cnitool spends on a whole call. A program Bun.spawn cannot start is handed to
 * hostExecutor, so a spawn failure reads exactly as it does there. Bounds and group bookkeeping are
 * hostExecutor's own (src/sandbox/process-groups.ts).
 */

import type { Executor, ProcessOutcome, ProcessRequest } from '../sandbox/process.ts';
import {
  boundedSink,
  DEFAULT_PATH,
  DEFAULT_TIMEOUT_MS,
  killGroup,
  ORPHAN_GRACE_MS,
  OUTPUT_LIMIT_BYTES,
  trackGroup,
  untrackGroup,
} from '../sandbox/process-groups.ts';

/** The slice of Bun's API used here (this Node project has no Bun types). */
interface BunSubprocess {
  readonly pid: number;
  readonly stdout: ReadableStream<Uint8Array>;
  readonly stderr: ReadableStream<Uint8Array>;
  readonly exited: Promise<number>;
  readonly exitCode: number | null;
  readonly signalCode: string | null;
}
interface BunSpawn {
  spawn(
    argv: readonly string[],
    options: {
      env: Record<string, string>;
      stdin: Uint8Array;
      stdout: 'pipe';
      stderr: 'pipe';
      detached: boolean;
    },
  ): BunSubprocess;
}

/** Bun's API when running under Bun, else undefined. */
function bunRuntime(): BunSpawn | undefined {
  return (globalThis as { Bun?: BunSpawn }).Bun;
}

/** One stream read to its end (or until abandoned): the first `limit` bytes, and whether more came. */
function drain(stream: ReadableStream<Uint8Array>, limit: number) {
  const reader = stream.getReader();
  const done = (async () => {
    const sink = boundedSink(limit);
    try {
      for (;;) {
        const { done: ended, value } = await reader.read();
        if (ended) break;
        sink.push(value);
      }
    } catch {
      // Abandoned (cancelled) or broken: what was read is kept.
    }
    return { text: sink.text(), truncated: sink.truncated() };
  })();
  return { done, abandon: () => void reader.cancel().catch(() => undefined) };
}

async function runOnBun(bun: BunSpawn, request: ProcessRequest, fallback: () => Promise<ProcessOutcome>) {
  const started = performance.now();
  let child: BunSubprocess;
  try {
    // Own process group (detached), so the timeout can kill every descendant.
    child = bun.spawn([request.file, ...(request.args ?? [])], {
      env: { PATH: DEFAULT_PATH, ...request.env },
      stdin: new TextEncoder().encode(request.stdin ?? ''),
      stdout: 'pipe',
      stderr: 'pipe',
      detached: true,
    });
  } catch {
    return fallback();
  }
  const { pid } = child;
  trackGroup(pid);
  const stdout = drain(child.stdout, OUTPUT_LIMIT_BYTES);
  const stderr = drain(child.stderr, OUTPUT_LIMIT_BYTES);
  // A process that left its group (setsid) keeps the pipes open after the group is killed: stop reading them
  // after one more grace period so the call goes on.
  const abandonAfterGrace = () => {
    setTimeout(() => {
      stdout.abandon();
      stderr.abandon();
    }, ORPHAN_GRACE_MS).unref();
  };
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup(pid);
    abandonAfterGrace();
  }, request.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  let graceTimer: ReturnType<typeof setTimeout> | undefined;
  void child.exited.then(() => {
    graceTimer = setTimeout(() => {
      killGroup(pid);
      abandonAfterGrace();
    }, ORPHAN_GRACE_MS);
  });
  const [out, err] = await Promise.all([stdout.done, stderr.done, child.exited]);
  clearTimeout(timer);
  clearTimeout(graceTimer);
  untrackGroup(pid);
  const truncated = [
    ...(out.truncated ? ['stdout' as const] : []),
    ...(err.truncated ? ['stderr' as const] : []),
  ];
  return {
    stdout: out.text,
    stderr: err.text,
    ...(truncated.length > 0 ? { truncated } : {}),
    exitCode: timedOut ? null : child.exitCode,
    signal: timedOut ? 'SIGKILL' : child.signalCode,
    timedOut,
    spawnError: null,
    durationMs: performance.now() - started,
  };
}

async function hostRun(request: ProcessRequest): Promise<ProcessOutcome> {
  const { hostExecutor } = await import('../sandbox/host-executor.ts');
  return hostExecutor.run(request);
}

/** The executor `exec` runs plugins with: on Bun.spawn under Bun, else hostExecutor. */
export function execExecutor(): Executor {
  const bun = bunRuntime();
  if (!bun) return { run: hostRun };
  return { run: (request) => runOnBun(bun, request, () => hostRun(request)) };
}
