/**
 * The resolved settings every operation runs with, and the transcript it records into.
 */
import type { Executor } from '../sandbox/process.ts';
import type { Verb } from '../spec/versions.ts';
import type { RuntimeFileSystem } from './file-system.ts';
import type { ChainInvocation } from './outcome.ts';

/** What the observer hook receives for every plugin call, as soon as it finishes. */
export interface InvocationEvent extends ChainInvocation {
  readonly network: string;
  /** The operation the call belongs to (a DEL synthesised by GC reports "GC"). */
  readonly operation: Verb;
}

/** Resolved runtime settings (every field set). */
export interface RuntimeContext {
  readonly executor: Executor;
  readonly cniPath: readonly string[];
  readonly cacheDir: string;
  readonly libcniCompat: boolean;
  readonly timeoutMs: number | undefined;
  /** Variables every plugin inherits under the CNI_* ones (libcni passes the runtime's own environment). */
  readonly baseEnv: Readonly<Record<string, string>>;
  readonly fileSystem: RuntimeFileSystem;
  readonly onInvocation: ((event: InvocationEvent) => void) | undefined;
  /** Execs retried after "text file busy", and the pause between them. */
  readonly busyRetries: number;
  readonly busyRetryDelayMs: number;
  /** Run the DEL chain after a failed ADD (R-ADD-3), except after code 3. */
  readonly delOnAddFailure: boolean;
  /** Strict R-CHK-1: refuse CHECK without a cached result. */
  readonly checkRequiresCache: boolean;
  readonly probeVersions: boolean;
  /** One operation at a time per container; GC alone on its network. */
  readonly serializeOperations: boolean;
  /** VERSION replies by plugin path, probed once per runtime. */
  readonly versionCache: Map<string, readonly string[]>;
}

/** The calls of one operation, in order. */
export class Transcript {
  readonly invocations: ChainInvocation[] = [];

  constructor(
    private readonly context: RuntimeContext,
    readonly network: string,
    readonly operation: Verb,
  ) {}

  /** Appends a call and tells the observer. */
  record(entry: ChainInvocation): void {
    this.invocations.push(entry);
    this.context.onInvocation?.({ ...entry, network: this.network, operation: this.operation });
  }
}
