/**
 * The contract between the CLI and the suites: the plugin under test and the run options. The CLI resolves
 * everything (paths, config, VERSION probe, selected versions) and passes one JSON value to the suites, which read
 * it with `getTarget()` (suites/support/target.ts). JSON only: it crosses the worker boundary.
 */
import { dirname } from 'node:path';
import type { ShardPlan } from './shard.ts';
import type { PluginIdentity } from './spec/known-bugs.ts';
import type { CniVersion } from './spec/versions.ts';

/** The part a plugin plays in its network configuration. */
export type PluginRole = 'main' | 'ipam' | 'meta';

/** compat: IMPL deviations of the reference code are warnings; strict: the spec's text only. */
export type Profile = 'compat' | 'strict';

/** Which failures fail the run: `should` (default) fails MUST and SHOULD; `must` only MUST. */
export type FailOn = 'should' | 'must';

/** A JSON object as parsed from a config file. */
export type JsonObject = { [key: string]: unknown };

/** A network configuration list, as the admin wrote it (or the built-in default for the plugin type). */
export interface TargetConflist {
  readonly cniVersion?: string;
  readonly name: string;
  readonly plugins: readonly JsonObject[];
  readonly [key: string]: unknown;
}

/**
 * What the author added to make state outside the inspector's default view observable (`--watch-dir`,
 * `--state-dir`, `--state-command`, `--ipam-range`). Paths and the command are inside the sandbox.
 */
export interface Observation {
  /** More directories whose files are diffed (besides /run, /var/lib/cni and /etc/cni). */
  readonly watchDirs: readonly string[];
  /** Directories where the IPAM keeps its state (diffed like the watch dirs; they make release observable). */
  readonly stateDirs: readonly string[];
  /** A command run inside the sandbox whose stdout, one item a line, is the IPAM's (or plugin's) state. */
  readonly stateCommand: string | undefined;
  /** A CIDR to give an IPAM whose config schema the harness does not know, for range-exhaustion checks. */
  readonly ipamRange: string | undefined;
}

/** The plugin under test and everything the suites need to drive it. */
export interface ConformanceTarget {
  /** Absolute path of the plugin binary. */
  readonly pluginPath: string;
  /** The plugin's file name, which is its `type` (or `ipam.type`) in the config. */
  readonly pluginType: string;
  readonly role: PluginRole;
  /** The conflist the plugin sits in. */
  readonly conflist: TargetConflist;
  /**
   * Index in `conflist.plugins` of the entry under test (for `ipam`, the entry whose `ipam.type` names it).
   * Entries before it are the chain a meta plugin runs behind.
   */
  readonly pluginIndex: number;
  /** Where the config came from: a file path, or "built-in default for <type>". */
  readonly configSource: string;
  /** CNI_PATH directories, the plugin's own directory included. */
  readonly cniPath: readonly string[];
  /** What VERSION said (probed once per run); empty when the probe failed. */
  readonly advertisedVersions: readonly string[];
  /** The versions checks fan out over: `--versions`, else every advertised version the harness knows. */
  readonly selectedVersions: readonly CniVersion[];
  readonly profile: Profile;
  readonly failOn: FailOn;
  /** Per plugin call. */
  readonly timeoutMs: number;
  /** Seed for property-based checks (fast-check). */
  readonly seed: number;
  /** Absolute directory for reports and repro scripts. */
  readonly reportDir: string;
  /** What the binary is (sha256, Debian package): known upstream bugs are pinned to it. */
  readonly identity: PluginIdentity;
  /** `--accept-known`: failures that are pinned upstream bugs of this build are warnings. */
  readonly acceptKnown: boolean;
  /** Extra state views the author named; absent means none. */
  readonly observation?: Observation;
  /** `--shard i/n`: the checks declare only the cases of this shard; absent means the whole run. */
  readonly shard?: ShardPlan;
}

/** The plugin configuration object under test (the conflist entry). */
export function targetPluginEntry(target: ConformanceTarget): JsonObject {
  const entry = target.conflist.plugins[target.pluginIndex];
  if (!entry) throw new Error(`conflist has no plugin at index ${target.pluginIndex}`);
  return entry;
}

/** The host directories the plugin under test and its delegates are run from: its own directory and CNI_PATH. */
export function targetHostDirs(target: Pick<ConformanceTarget, 'pluginPath' | 'cniPath'>): string[] {
  return [dirname(target.pluginPath), ...target.cniPath];
}
