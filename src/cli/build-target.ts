/** Resolves the plugin, its config and its versions into the ConformanceTarget handed to the suites. */
import { dirname } from 'node:path';
import type { ConformanceTarget } from '../../suites/support/target.ts';
import { HarnessError } from '../errors.ts';
import { CNI_VERSIONS, type CniVersion, isCniVersion } from '../spec/versions.ts';
import { loadTargetConfig } from './load-target-config.ts';
import type { ResolvedRunOptions } from './options.ts';
import { probeVersions } from './probe-versions.ts';
import { type ResolvedPlugin, resolvePlugin } from './resolve-plugin.ts';

/** The target plus what the user should be told about how it was chosen. */
export interface BuiltTarget {
  readonly target: ConformanceTarget;
  readonly notes: readonly string[];
}

function selectVersions(
  advertised: readonly string[],
  requested: readonly CniVersion[] | undefined,
): CniVersion[] {
  if (requested) return [...requested];
  return CNI_VERSIONS.filter((version) => advertised.includes(version));
}

async function advertisedVersions(plugin: ResolvedPlugin, options: ResolvedRunOptions, notes: string[]) {
  const probe = await probeVersions(plugin.path, options.timeoutMs);
  if (probe.ok) {
    const unknown = probe.supportedVersions.filter((v) => !isCniVersion(v));
    if (unknown.length > 0)
      notes.push(`plugin advertises versions no CNI release has: ${unknown.join(', ')}`);
    return probe.supportedVersions;
  }
  notes.push(`VERSION probe failed (${probe.reason}); version matrix limited to --versions`);
  return [];
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
  const advertised = await advertisedVersions(plugin, options, notes);
  const selected = selectVersions(advertised, options.versions);
  if (selected.length === 0) {
    throw new HarnessError(
      'CNI_CONFORMANCE_PLUGIN_NOT_EXECUTABLE',
      `plugin ${plugin.path} advertises no CNI version the harness knows`,
      {
        fix: 'check that it answers CNI_COMMAND=VERSION, or pass --versions',
      },
    );
  }
  const cniPath = [...options.cniPath, dirname(plugin.path)].filter((dir, i, all) => all.indexOf(dir) === i);
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
    upstream: plugin.upstream,
  };
  return { target, notes };
}
