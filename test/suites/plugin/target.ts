/**
 * The ConformanceTarget (suites/support/target.ts) for a proof run, built the way the CLI builds it
 * (src/cli/build-target.ts): the conflist entry naming the plugin, its advertised versions from a VERSION call.
 */

import { basename, dirname } from 'node:path';
import { execa } from 'execa';
import { identifyPlugin } from '../../../src/cli/plugin-identity.ts';
import type { ConformanceTarget, JsonObject, PluginRole } from '../../../src/target.ts';
import { knownVersions } from '../../../suites/support/applicability.ts';

/** What a proof run varies. */
export interface TargetOptions {
  readonly plugin: string;
  readonly config: Readonly<Record<string, unknown>>;
  readonly role: PluginRole;
  /** @defaultValue ['/usr/lib/cni'] */
  readonly cniPath?: readonly string[];
  /** @defaultValue 'compat' */
  readonly profile?: 'compat' | 'strict';
  /** The versions to run (the CLI's --versions). @defaultValue every known version the plugin advertises */
  readonly versions?: readonly string[];
  /** Only tests whose title matches. */
  readonly testNamePattern?: string;
  /** `--accept-known`. @defaultValue false */
  readonly acceptKnown?: boolean;
}

async function advertisedVersions(plugin: string): Promise<string[]> {
  // In a fresh network namespace, as the CLI's probe does: even VERSION is an unknown binary's first run.
  const reply = await execa('unshare', ['--net', '--', plugin], {
    env: { CNI_COMMAND: 'VERSION' },
    extendEnv: false,
    input: '{"cniVersion":"1.0.0"}',
    reject: false,
  });
  try {
    const parsed = JSON.parse(String(reply.stdout)) as { supportedVersions?: unknown };
    return Array.isArray(parsed.supportedVersions) ? parsed.supportedVersions.map(String) : [];
  } catch {
    return [];
  }
}

function pluginIndex(plugins: readonly JsonObject[], type: string): number {
  return plugins.findIndex(
    (entry) => entry.type === type || (entry.ipam as JsonObject | undefined)?.type === type,
  );
}

/** Builds the target; the VERSION probe gets nothing but CNI_COMMAND. */
export async function buildTarget(options: TargetOptions): Promise<ConformanceTarget> {
  const conflist = options.config as unknown as ConformanceTarget['conflist'];
  const pluginType = basename(options.plugin);
  const advertised = await advertisedVersions(options.plugin);
  const cniPath = [...(options.cniPath ?? ['/usr/lib/cni']), dirname(options.plugin)];
  return {
    pluginPath: options.plugin,
    pluginType,
    role: options.role,
    conflist,
    pluginIndex: pluginIndex(conflist.plugins, pluginType),
    configSource: 'test/suites/plugin',
    cniPath: cniPath.filter((dir, index) => cniPath.indexOf(dir) === index),
    advertisedVersions: advertised,
    selectedVersions: knownVersions(options.versions ?? advertised),
    profile: options.profile ?? 'compat',
    failOn: 'should',
    timeoutMs: 20_000,
    seed: 1,
    reportDir: '/tmp',
    identity: identifyPlugin(options.plugin),
    acceptKnown: options.acceptKnown ?? false,
  };
}
