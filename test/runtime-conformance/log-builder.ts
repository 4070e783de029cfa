/**
 * Builds synthetic spy logs for judge tests: a scenario line plus records of a chain run, with a clock.
 */
import type { SpyRecord } from '../../src/plugins/meta/spy/record.ts';

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
  readonly pid?: number;
  /** The parent's pid; null leaves it out (a recorder that does not know it). @defaultValue 1 */
  readonly ppid?: number | null;
}

/** A log under construction; `text()` renders the JSONL. */
export class LogBuilder {
  private clock = 1_000;
  private readonly lines: Json[] = [];

  /** `withScenario: false` leaves the scenario line out, as a `runtime record` log has none. */
  constructor(
    readonly network: Json,
    withScenario = true,
  ) {
    if (withScenario)
      this.lines.push({
        kind: 'scenario',
        name: 'synthetic',
        runtime: 'test',
        networks: [network],
        hostNetns: 'net:[1]',
        lifecycleComplete: true,
      });
  }

  /** Appends one invocation; stdin defaults to the plugin object plus name and cniVersion. */
  call(options: FakeCall): this {
    const plugins = (this.network.plugins as Json[]) ?? [];
    const plugin = plugins.find((p) => p.type === options.type) ?? { type: options.type };
    const { capabilities: _caps, ...rest } = plugin;
    const stdin = options.stdin ?? { ...rest, name: this.network.name, cniVersion: this.network.cniVersion };
    this.clock += 15;
    const start = options.start ?? this.clock - 5;
    const end = options.end ?? this.clock;
    const attachment = options.verb === 'GC' || options.verb === 'STATUS';
    const record: SpyRecord = {
      kind: 'invocation',
      tsStart: start,
      tsEnd: end,
      pid: options.pid ?? Math.round(start),
      ...(options.ppid === null ? {} : { ppid: options.ppid ?? 1 }),
      calledAs: options.type,
      env: {
        CNI_COMMAND: options.verb,
        CNI_PATH: '/opt/cni/bin',
        ...(attachment
          ? {}
          : {
              CNI_CONTAINERID: options.containerId ?? 'c1',
              CNI_IFNAME: options.ifname ?? 'eth0',
              CNI_NETNS: '/run/netns/c1',
              ...(options.args === undefined ? {} : { CNI_ARGS: options.args }),
            }),
      },
      otherEnvNames: [],
      stdinRaw: JSON.stringify(stdin),
      stdin,
      selfNetns: 'net:[1]',
      netns: attachment ? null : { path: '/run/netns/c1', fsType: '6e736673', isNsfs: true },
      behaviour: 'test',
      exitCode: options.exitCode ?? 0,
      stdout: options.stdout ? JSON.stringify(options.stdout) : '',
    };
    this.lines.push(record as unknown as Json);
    return this;
  }

  /** Appends a raw line (another kind, another scenario). */
  raw(line: Json): this {
    this.lines.push(line);
    return this;
  }

  text(): string {
    return `${this.lines.map((line) => JSON.stringify(line)).join('\n')}\n`;
  }
}
