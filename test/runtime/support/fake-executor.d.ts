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
export declare const processOutcome: (fields?: Partial<ProcessOutcome>) => ProcessOutcome;
/** Exit 0 with `value` as JSON on stdout. */
export declare const printJson: (value: unknown) => FakeAnswer;
/** Exit 1 with an error object on stdout. */
export declare const failWith: (code: number, msg: string) => FakeAnswer;
/** The default plugin behaviour: ADD appends an interface named after the type to prevResult. */
export declare function chainingAdd(call: FakeCall): FakeAnswer | undefined;
export declare class FakeExecutor implements Executor {
  private readonly script;
  readonly calls: FakeCall[];
  constructor(script?: FakeScript);
  run(request: ProcessRequest): Promise<ProcessOutcome>;
  /** "VERB type" per call, for order assertions. */
  get sequence(): string[];
}
