/**
 * Known upstream bugs: deviations of a real plugin build that were reproduced by hand with plain CNI calls. A
 * failure that matches one keeps its verdict (a real bug fails the run); the report names the bug, its upstream
 * reference and how it was reproduced. `--accept-known` turns exactly the matching failures into warnings.
 *
 * A pin matches only the build it was reproduced with (Debian package + version + file, or sha256) and only the
 * failure's signature: the check, its requirement ID, a message pattern, the CNI versions and a config condition.
 */
import { CONTAINERNETWORKING_PLUGINS_BUGS } from './known-bugs/containernetworking-plugins.ts';
import { DNSNAME_BUGS } from './known-bugs/dnsname.ts';
import type { KnownBug, KnownBugNote, PluginBuild, PluginEntry, PluginIdentity } from './known-bugs/model.ts';

export type {
  CheckSite,
  ConfigCondition,
  KnownBug,
  KnownBugNote,
  PluginBuild,
  PluginEntry,
  PluginIdentity,
} from './known-bugs/model.ts';

/** Every pinned bug. */
export const KNOWN_BUGS: readonly KnownBug[] = [...CONTAINERNETWORKING_PLUGINS_BUGS, ...DNSNAME_BUGS];

/** The plugin under test, as far as pins are concerned. */
export interface KnownBugScope {
  readonly identity: PluginIdentity;
  readonly entry: PluginEntry;
}

/** The scope of a run's target: its build and the conflist entry under test. */
export function knownBugScope(target: {
  readonly identity: PluginIdentity;
  readonly conflist: { readonly plugins: readonly PluginEntry[] };
  readonly pluginIndex: number;
}): KnownBugScope {
  return { identity: target.identity, entry: target.conflist.plugins[target.pluginIndex] ?? {} };
}

/** One finished check, as far as pins are concerned. */
export interface CheckSignature {
  readonly title: string;
  readonly ids: readonly string[];
  readonly version: string | undefined;
}

/** True when `identity` is one of the builds. */
export function isPinnedBuild(identity: PluginIdentity, builds: readonly PluginBuild[]): boolean {
  return builds.some((build) =>
    'sha256' in build
      ? build.sha256 === identity.sha256
      : identity.debian?.package === build.debianPackage &&
        identity.debian.version === build.version &&
        identity.debian.file === build.file,
  );
}

/** True when the bug applies to this plugin build, config and check (whatever the check's outcome). */
export function bugApplies(bug: KnownBug, scope: KnownBugScope, check: CheckSignature): boolean {
  return (
    isPinnedBuild(scope.identity, bug.builds) &&
    bug.sites.some((site) => check.ids.includes(site.requirement) && check.title.includes(site.check)) &&
    (bug.versions === undefined || (check.version !== undefined && bug.versions.includes(check.version))) &&
    (bug.condition === undefined || bug.condition.holds(scope.entry))
  );
}

/** The pinned bug a failure is, if any. */
export function findKnownBug(
  scope: KnownBugScope,
  check: CheckSignature,
  message: string,
  bugs: readonly KnownBug[] = KNOWN_BUGS,
): KnownBug | undefined {
  return bugs.find((bug) => bugApplies(bug, scope, check) && bug.message.test(message));
}

/**
 * Pins whose check ran and passed on their build and config while no failure of the run matched them: the bug
 * no longer reproduces (fixed?). A pin with several sites, some of them seeded (killed ADDs), is reproduced
 * when any site failed with it, even if a generated site happened to pass this time.
 */
export function unreproducedBugs(
  scope: KnownBugScope,
  passed: readonly CheckSignature[],
  reproduced: ReadonlySet<string>,
  bugs: readonly KnownBug[] = KNOWN_BUGS,
): KnownBug[] {
  return bugs.filter(
    (bug) => !reproduced.has(bug.id) && passed.some((check) => bugApplies(bug, scope, check)),
  );
}

/** The report's note for a matched bug. */
export function knownBugNote(bug: KnownBug, accepted: boolean): KnownBugNote {
  return { id: bug.id, summary: bug.summary, reference: bug.reference, reproduced: bug.reproduced, accepted };
}
