/**
 * What the spy plugin writes and reads: one {@link SpyRecord} JSON line per invocation in `log.jsonl`,
 * and the {@link SpyControl} script in `control.json`, both in the spy directory (the spy design, suites/runtime/README.md).
 * Types only, so the spy bundle stays free of heavy imports; `src/runtime-conformance/log.ts` validates them.
 */

/** The netns the runtime passed in `CNI_NETNS`, as the spy saw it when it started. */
export interface SpyNetnsProbe {
  readonly path: string;
  /** statfs `f_type` in hex ("6e736673" is nsfs), or null when statfs failed. */
  readonly fsType: string | null;
  /** True when the path was a live network-namespace file (nsfs) at call time (R-ENV-2, R-LIFE-5). */
  readonly isNsfs: boolean;
  readonly error?: string;
}

/** One plugin invocation as the spy observed it. */
export interface SpyRecord {
  readonly kind: 'invocation';
  /** Process start (performance.timeOrigin), epoch milliseconds. */
  readonly tsStart: number;
  /** Just before the spy exited, epoch milliseconds. */
  readonly tsEnd: number;
  readonly pid: number;
  /** The parent's pid; absent in logs of recorders that do not know it (delegation then goes by time). */
  readonly ppid?: number;
  /** The name the spy was executed as (basename of the path the runtime ran): the plugin `type`. */
  readonly calledAs: string;
  /** Every `CNI_*` variable, verbatim. */
  readonly env: Readonly<Record<string, string>>;
  /** Names (never values) of the other environment variables, sorted. */
  readonly otherEnvNames: readonly string[];
  readonly stdinRaw: string;
  /** Parsed stdin, or null when it was empty or not JSON (see `stdinError`). */
  readonly stdin: unknown;
  readonly stdinError?: string;
  /** `readlink /proc/self/ns/net` of the spy process ("net:[4026531840]"). */
  readonly selfNetns: string | null;
  /** Probe of CNI_NETNS; null when the variable was absent or empty. */
  readonly netns: SpyNetnsProbe | null;
  /** Short description of what the spy did ("annotate", "fail 11", "version", …). */
  readonly behaviour: string;
  readonly exitCode: number;
  readonly stdout: string;
}

/** A failure the spy reports on stdout as a CNI error. */
export interface SpyFailure {
  readonly code: number;
  /** @defaultValue "spy: scripted failure" */
  readonly msg?: string;
  readonly details?: string;
  /** Process exit status. @defaultValue 1 */
  readonly exitCode?: number;
  /** Print this instead of the error JSON (to test runtimes' handling of garbage). */
  readonly rawStdout?: string;
}

/** Changes applied to the ADD result the spy returns. */
export interface SpyMutation {
  /** Set the MAC of the last interface in the result. */
  readonly mac?: string;
  /** Append this address ("10.9.9.9/24") to `ips` (or replace `ip4.ip` for 0.1.0/0.2.0 results). */
  readonly addIp?: string;
}

/** What the spy does for one matching call. Every field is optional and they combine. */
export interface SpyBehaviour {
  /** Sleep this long before answering. */
  readonly sleepMs?: number;
  /** Write this text to stderr. */
  readonly stderr?: string;
  /** Fail with this CNI error. */
  readonly fail?: SpyFailure;
  /**
   * ADD output: "annotate" (default) returns prevResult (or a fresh result) plus one interface named after
   * the spy, so every plugin's output is distinct; "pass" returns prevResult unchanged; an object is returned
   * as the canned result (its cniVersion filled in when absent).
   */
  readonly result?: 'annotate' | 'pass' | Readonly<Record<string, unknown>>;
  readonly mutate?: SpyMutation;
  /** VERSION reply's supportedVersions. @defaultValue every released version */
  readonly versions?: readonly string[];
}

/** One scripted rule; the first rule whose given fields all match wins. */
export interface SpyRule {
  /** The name the spy was called as (the plugin type), e.g. "spy-b". */
  readonly type?: string;
  /** CNI_COMMAND. */
  readonly verb?: string;
  readonly containerId?: string;
  readonly ifname?: string;
  readonly behaviour: SpyBehaviour;
}

/** The control file. */
export interface SpyControl {
  readonly rules?: readonly SpyRule[];
}

/** Default spy directory when neither the config, the env nor a sidecar file names one. */
export const DEFAULT_SPY_DIR = '/run/cni-spy';
/** Plugin-config key naming the spy directory (baked into the conflist, survives env stripping). */
export const SPY_DIR_CONFIG_KEY = 'spyDir';
/** Env variable naming the spy directory (for direct calls; runtimes may strip it). */
export const SPY_DIR_ENV = 'CNI_SPY_DIR';
/** Sidecar file in the spy's own bin dir whose content is the spy directory. */
export const SPY_DIR_SIDECAR = '.cni-spy-dir';
export const SPY_LOG_FILE = 'log.jsonl';
export const SPY_CONTROL_FILE = 'control.json';
