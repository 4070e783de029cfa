/** The shapes of a pinned upstream bug and of the plugin build it was reproduced with. */
import type { RequirementId } from '../requirements.ts';
/** What a plugin binary is (computed by the CLI, src/cli/plugin-identity.ts). */
export interface PluginIdentity {
  readonly sha256: string;
  /** Set only when dpkg owns the file and its content is the one the package installed. */
  readonly debian?: { readonly package: string; readonly version: string; readonly file: string };
}

/** One build a bug was reproduced with. */
export type PluginBuild =
  | { readonly debianPackage: string; readonly version: string; readonly file: string }
  | { readonly sha256: string };

/** A plugin configuration entry (the conflist entry under test). */
export type PluginEntry = Readonly<Record<string, unknown>>;

/** A config condition the failure needs ("ipMasq: true"), in words and as a predicate. */
export interface ConfigCondition {
  readonly text: string;
  readonly holds: (entry: PluginEntry) => boolean;
}

/** A check that shows the bug: the requirement it cites and a fragment of its title. */
export interface CheckSite {
  readonly requirement: RequirementId;
  readonly check: string;
}

/** One pinned upstream bug. */
export interface KnownBug {
  /** Stable ID ("cnp-1.1.1/bridge-ipmasq-netns-gone"). */
  readonly id: string;
  readonly builds: readonly PluginBuild[];
  /** The checks whose failure it is (one bug, such as a CHECK that always fails, can fail several). */
  readonly sites: readonly CheckSite[];
  /** The failure message it produces. */
  readonly message: RegExp;
  /** CNI versions at which it reproduces; all when absent. */
  readonly versions?: readonly string[];
  readonly condition?: ConfigCondition;
  /** One line: what the plugin does wrong. */
  readonly summary: string;
  /** Upstream issue or fix, and the version that fixed it (or "unfixed as of …"). */
  readonly reference: string;
  /** The exact plain CNI calls that reproduce it. */
  readonly reproduced: string;
}

/** What the report says about a failure that matched a pin. */
export interface KnownBugNote {
  readonly id: string;
  readonly summary: string;
  readonly reference: string;
  readonly reproduced: string;
  /** `--accept-known` was given: the failure is a warning. */
  readonly accepted: boolean;
}
