/**
 * A hand-written recording fake Executor (cni's fakes/ style): it records every request and answers from a
 * script keyed by the plugin's file name and verb. Nothing is executed.
 */
import { basename } from 'node:path';
import type { Executor, ProcessOutcome, ProcessRequest } from '../../../src/sandbox/process.ts';

/** One recorded call, with the parts tests compare. */
export interface FakeCall {
  readonly type: string;
  readonly verb: string;
  readonly env: Readonly<Record<string, string>>;
  readonly config: Record<string, unknown>;
  readonly request: ProcessRequest;
}

/** What the script returns for one call: a partial outcome (exit 0, empty output by default). */
export type FakeAnswer = Partial<ProcessOutcome>;
export type FakeScript = (call: FakeCall) => FakeAnswer | undefined;

/** A finished process: exit 0, no output, 1 ms, unless `fields` say otherwise. */
export const processOutcome = (fields: Partial<ProcessOutcome> = {}): ProcessOutcome => ({
  stdout: '',
  stderr: '',
  exitCode: 0,
  signal: null,
  timedOut: false,
  spawnError: null,
  durationMs: 1,
  ...fields,
});

/** Exit 0 with `value` as JSON on stdout. */
export const printJson = (value: unknown): FakeAnswer => ({ stdout: JSON.stringify(value) });
/** Exit 1 with an error object on stdout. */
export const failWith = (code: number, msg: string): FakeAnswer => ({
  exitCode: 1,
  stdout: JSON.stringify({ code, msg }),
});

/** The default plugin behaviour: ADD appends an interface named after the type to prevResult. */
export function chainingAdd(call: FakeCall): FakeAnswer | undefined {
  if (call.verb !== 'ADD') return undefined;
  const previous = (call.config.prevResult ?? { interfaces: [] }) as { interfaces?: unknown[] };
  return printJson({
    ...previous,
    cniVersion: call.config.cniVersion,
    interfaces: [...(previous.interfaces ?? []), { name: call.type }],
  });
}

export class FakeExecutor implements Executor {
  readonly calls: FakeCall[] = [];

  constructor(private readonly script: FakeScript = chainingAdd) {}

  async run(request: ProcessRequest): Promise<ProcessOutcome> {
    const parsed: unknown = request.stdin ? JSON.parse(request.stdin) : {};
    const call: FakeCall = {
      type: basename(request.file),
      verb: request.env.CNI_COMMAND ?? '',
      env: request.env,
      config: parsed as Record<string, unknown>,
      request,
    };
    this.calls.push(call);
    return processOutcome(this.script(call) ?? {});
  }

  /** "VERB type" per call, for order assertions. */
  get sequence(): string[] {
    return this.calls.map((call) => `${call.verb} ${call.type}`);
  }
}
