/** Resolves the plugin, its config and its versions into the ConformanceTarget handed to the suites. */
import { dirname } from 'node:path';
import { CNI_VERSIONS, type CniVersion, isCniVersion } from '../spec/versions.ts';
import type { ConformanceTarget } from '../target.ts';
import { assertDelegatesFound } from './check-delegates.ts';
import { assertKernelLinkKinds } from './check-kernel.ts';
import { loadTargetConfig } from './load-target-config.ts';
import type { ResolvedRunOptions } from './options.ts';
import { probeVersions } from './probe-versions.ts';
import { type ResolvedPlugin, resolvePlugin } from './resolve-plugin.ts';

/** The target plus what the user should be told about how it was chosen. */
export interface BuiltTarget {
  readonly target: ConformanceTarget;
  readonly notes: readonly string[];
  /** Why the VERSION probe got no usable reply; undefined when it did. */
  readonly versionFailure: string | undefined;
}

function selectVersions(
  advertised: readonly string[],
  requested: readonly CniVersion[] | undefined,
  configVersion: unknown,
): CniVersion[] {
  if (requested) return [...requested];
  const known = CNI_VERSIONS.filter((version) => advertised.includes(version));
  if (known.length > 0) return known;
  // The probe failed or named no real version (the P-VCMD checks say so): test at the config's own version.
  return [isCniVersion(configVersion) ? configVersion : '1.0.0'];
}

async function advertisedVersions(plugin: ResolvedPlugin, options: ResolvedRunOptions, notes: string[]) {
  const probe = await probeVersions(plugin.path, options.timeoutMs);
  if (probe.ok) {
    const unknown = probe.supportedVersions.filter((v) => !isCniVersion(v));
    if (unknown.length > 0)
      notes.push(`plugin advertises versions no CNI release has: ${unknown.join(', ')}`);
    return { advertised: probe.supportedVersions, versionFailure: undefined };
  }
  notes.push(`VERSION probe failed (${probe.reason}); testing at --versions or the config's cniVersion only`);
  return { advertised: [], versionFailure: probe.reason };
}

/** Builds the target; every problem is a HarnessError (exit 2). */
export async function buildTarget(
  pluginArg: string | undefined,
  options: ResolvedRunOptions,
  root: string,
): Promise<BuiltTarget> {
  const plugin = resolvePlugin(pluginArg, root);
  const notes = [...plugin.notes];
  const located = loadTargetConfig({
    root,
    pluginType: plugin.type,
    configFile: options.configFile,
    role: options.role,
  });
  const cniPath = [...options.cniPath, dirname(plugin.path)].filter((dir, i, all) => all.indexOf(dir) === i);
  await assertDelegatesFound({
    cniPathOption: options.cniPath,
    cniPath,
    conflist: located.conflist,
    configSource: located.configSource,
    pluginType: plugin.type,
  });
  await assertKernelLinkKinds(located.conflist);
  const { advertised, versionFailure } = await advertisedVersions(plugin, options, notes);
  const selected = selectVersions(advertised, options.versions, located.conflist.cniVersion);
  const target: ConformanceTarget = {
    pluginPath: plugin.path,
    pluginType: plugin.type,
    role: located.role,
    conflist: located.conflist,
    pluginIndex: located.pluginIndex,
    configSource: located.configSource,
    cniPath,
    advertisedVersions: advertised,
    selectedVersions: selected,
    profile: options.profile,
    failOn: options.failOn,
    timeoutMs: options.timeoutMs,
    seed: options.seed,
    reportDir: options.reportDir,
    identity: plugin.identity,
    acceptKnown: options.acceptKnown,
    observation: options.observation,
  };
  return { target, notes, versionFailure };
}
