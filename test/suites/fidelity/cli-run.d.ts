/** One check's verdict in the report. */
export interface Finding {
  readonly ids: readonly string[];
  readonly title: string;
}
/** What one CLI run said. */
export interface CliVerdict {
  readonly exitCode: number | null;
  /** Requirement IDs of failed checks, with the check title. */
  readonly failures: readonly Finding[];
  /** Requirement IDs of checks that warned (level IMPL in compat, or SHOULD with --fail-on must). */
  readonly warnings: readonly Finding[];
  /** Requirement IDs of checks with an informational finding (level INFO or MAY). */
  readonly infos: readonly Finding[];
  readonly wallMs: number;
  /** Stderr and the tail of stdout, for assertion messages. */
  readonly output: string;
}
/** One CLI invocation: the plugin, an optional config object and extra arguments. */
export interface CliRun {
  readonly root: string;
  readonly plugin: string;
  readonly config?: Readonly<Record<string, unknown>>;
  readonly args?: readonly string[];
}
/** Runs the CLI; never throws for what the CLI does. */
export declare function runCli(run: CliRun): Promise<CliVerdict>;
/** A gate that lets at most `limit` tasks run at once (vitest's concurrent tests share it). */
export declare function limiter(limit: number): <R>(task: () => Promise<R>) => Promise<R>;
