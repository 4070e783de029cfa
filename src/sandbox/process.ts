/**
 * The seam between everything that runs a program and the place it runs: the real host, a network-namespace
 * sandbox, a docker container or a VM. Outcomes are data, never exceptions.
 */

/** One program run, exactly as a CNI runtime would exec a plugin. */
export interface ProcessRequest {
  /** Absolute path of the program. */
  readonly file: string;
  readonly args?: readonly string[];
  /** The complete environment; the executor adds PATH only when it is absent. */
  readonly env: Readonly<Record<string, string>>;
  /** Bytes written to stdin, after which stdin is closed. Undefined: stdin is closed at once. */
  readonly stdin?: string;
  /** Kill the whole process group after this long. @defaultValue 30_000 */
  readonly timeoutMs?: number;
}

/** How a run ended. */
export interface ProcessOutcome {
  readonly stdout: string;
  readonly stderr: string;
  /** Null when the process died by a signal, timed out, or never started. */
  readonly exitCode: number | null;
  /** The signal that ended it ("SIGKILL"), else null. */
  readonly signal: string | null;
  /** True when the executor killed it for running past `timeoutMs`. */
  readonly timedOut: boolean;
  /** Set when the program could not be started at all (ENOENT, EACCES, ENOEXEC…). */
  readonly spawnError: string | null;
  /** Wall time from spawn to exit, in milliseconds. */
  readonly durationMs: number;
  /** Streams that outgrew the harness's bound: only their first bytes are in stdout/stderr. */
  readonly truncated?: readonly ('stdout' | 'stderr')[];
}

/** Runs programs somewhere. Implementations: host, netns sandbox, docker, vagrant. */
export interface Executor {
  run(request: ProcessRequest): Promise<ProcessOutcome>;
}
