type Json = Record<string, unknown>;
/** Options for one synthetic invocation. */
export interface FakeCall {
  readonly type: string;
  readonly verb: string;
  readonly containerId?: string;
  readonly ifname?: string;
  /** CNI_ARGS, when the call has any. */
  readonly args?: string;
  readonly stdin?: Json;
  readonly stdout?: Json;
  readonly exitCode?: number;
  readonly start?: number;
  readonly end?: number;
}
/** A log under construction; `text()` renders the JSONL. */
export declare class LogBuilder {
  readonly network: Json;
  private clock;
  private readonly lines;
  constructor(network: Json);
  /** Appends one invocation; stdin defaults to the plugin object plus name and cniVersion. */
  call(options: FakeCall): this;
  text(): string;
}
