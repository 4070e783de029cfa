/**
 * Scenarios and the kit they play with: each scenario installs conflists of spies, scripts the spies, drives
 * the runtime through an adapter and records every operation it asked for in the log beside the spy records.
 */

import { formatParseIssues, HarnessError } from '../errors.ts';
import type { SpyControl } from '../plugins/meta/spy/record.ts';
import type { RequirementId } from '../spec/requirements.ts';
import type { AdapterFactory, RuntimeAdapter } from './adapter.ts';
import type { RuntimeProfile } from './finding.ts';
import { type JudgeReport, judgeRuntimeLog } from './judge.ts';
import { buildKit, type ScenarioKit } from './kit.ts';
import { type Operation, parseRuntimeLog, type RuntimeLog } from './log.ts';
import { clampConflistVersion } from './network.ts';
import { createWorkspace, type Workspace, type WorkspaceOptions } from './workspace.ts';

type Json = Readonly<Record<string, unknown>>;

/** A runtime scenario. */
export interface RuntimeScenario {
  readonly name: string;
  /** A sentence: what the scenario exercises. */
  readonly summary: string;
  /**
   * Requirement IDs this scenario is built to exercise (the suites assert these are judged, not skipped).
   * `verbs` are the verbs it cannot do without; other kit calls the adapter cannot trigger are left out.
   */
  readonly exercises: readonly RequirementId[];
  readonly verbs: readonly Operation[];
  /** Conflists to install, written as `<index>-<name>.conflist`. */
  readonly networks: readonly Json[];
  readonly control?: SpyControl;
  /** Capability arguments given to the runtime on ADD/DEL/CHECK. */
  readonly capabilityArgs?: Json;
  /** True when the scenario ends every container's lifecycle (R-LIFE-2 applies). */
  readonly lifecycleComplete: boolean;
  /** Plugin configs written to `<confdir>/<network>/<NN>-<type>.conf`, per network (R-CFG-4). */
  readonly aggregated?: Readonly<Record<string, readonly Json[]>>;
  /** Types the conflists name but that are installed nowhere (R-ENV-7). */
  readonly missingTypes?: readonly string[];
  /** Types also installed in the second CNI_PATH directory (R-ENV-7). */
  readonly shadowedTypes?: readonly string[];
  /** Why this runtime cannot run the scenario at all (beyond `verbs`), or undefined. */
  unsupportedBy?(adapter: RuntimeAdapter, workspace: Workspace): string | undefined;
  play(kit: ScenarioKit): Promise<void>;
}

function spyTypes(scenario: RuntimeScenario): string[] {
  const inlined = scenario.networks.flatMap((net) =>
    (Array.isArray(net.plugins) ? net.plugins : []).map((p: Json) => String(p.type)),
  );
  const aggregated = Object.values(scenario.aggregated ?? {}).flatMap((plugins) =>
    plugins.map((p) => String(p.type)),
  );
  const missing = scenario.missingTypes ?? [];
  return [...new Set([...inlined, ...aggregated])].filter((type) => !missing.includes(type));
}

/** File name of the i-th aggregated plugin config: sorted names keep the scenario's order. */
function aggregatedFile(plugin: Json, index: number): string {
  return `${10 + index}-${String(plugin.type)}.conf`;
}

async function installScenario(scenario: RuntimeScenario, workspace: Workspace): Promise<void> {
  await workspace.installSpies(spyTypes(scenario));
  await workspace.installShadowSpies(scenario.shadowedTypes ?? []);
  await workspace.writeControl(scenario.control ?? {});
  for (const [network, plugins] of Object.entries(scenario.aggregated ?? {}))
    await Promise.all(
      plugins.map((plugin, index) =>
        workspace.writePluginConf(network, aggregatedFile(plugin, index), plugin),
      ),
    );
}

function skippedRun(
  scenario: RuntimeScenario,
  adapter: RuntimeAdapter,
  profile: RuntimeProfile,
  skipped: string,
) {
  const log: RuntimeLog = { scenario: undefined, invocations: [], operations: [] };
  const report: JudgeReport = { profile, findings: [], failed: false, notes: [] };
  return { scenario, adapter: adapter.name, logText: '', log, report, skipped };
}

function whyUnsupported(scenario: RuntimeScenario, adapter: RuntimeAdapter, workspace: Workspace) {
  const unsupported = scenario.verbs.filter((verb) => !adapter.supports.has(verb));
  if (unsupported.length > 0) return `runtime ${adapter.name} cannot trigger ${unsupported.join(', ')}`;
  return scenario.unsupportedBy?.(adapter, workspace);
}

/** What one scenario run produced. */
export interface ScenarioRun {
  readonly scenario: RuntimeScenario;
  readonly adapter: string;
  /** The raw JSONL log (self-contained: judge it again with `cni-conformance runtime judge`). */
  readonly logText: string;
  readonly log: RuntimeLog;
  readonly report: JudgeReport;
  /** Why the scenario did not run (the adapter cannot trigger a verb it needs); then the report is empty. */
  readonly skipped?: string;
}

/** Options for {@link runScenario}. */
export interface RunScenarioOptions extends WorkspaceOptions {
  /** @defaultValue "strict" */
  readonly profile?: RuntimeProfile;
  /** Keep the workspace (for debugging); its root is in the log path. @defaultValue false */
  readonly keepWorkspace?: boolean;
}

/** Runs one scenario against a runtime and judges the log. */
export async function runScenario(
  scenario: RuntimeScenario,
  factory: AdapterFactory,
  options: RunScenarioOptions = {},
): Promise<ScenarioRun> {
  const workspace = await createWorkspace(options);
  const profile = options.profile ?? 'strict';
  try {
    await installScenario(scenario, workspace);
    const adapter = await factory(workspace);
    const skipped = whyUnsupported(scenario, adapter, workspace);
    if (skipped !== undefined) {
      await adapter.close?.();
      return skippedRun(scenario, adapter, profile, skipped);
    }
    const maxVersion = adapter.maxVersion ?? '1.1.0';
    const networks = scenario.networks.map((net) => clampConflistVersion(net, maxVersion));
    await Promise.all(
      networks.map((net, index) =>
        workspace.writeConflist(`${10 + index}-${String(net.name)}.conflist`, net),
      ),
    );
    await workspace.appendLog({
      kind: 'scenario',
      name: scenario.name,
      runtime: adapter.name,
      networks,
      // The runtime's netns: the harness's unless the adapter confines the runtime to a private one (R-ENV-1).
      hostNetns: adapter.runtimeNetns ?? workspace.hostNetns,
      lifecycleComplete: scenario.lifecycleComplete,
      maxVersion,
      ...(adapter.acceptsCapabilityArgs !== false && scenario.capabilityArgs
        ? { capabilityArgs: scenario.capabilityArgs }
        : {}),
      ...(scenario.aggregated ? { aggregated: scenario.aggregated } : {}),
      ...(scenario.missingTypes ? { missingTypes: scenario.missingTypes } : {}),
      ...(scenario.shadowedTypes ? { shadowedTypes: scenario.shadowedTypes } : {}),
      ...(adapter.cacheDir ? { cacheDir: adapter.cacheDir } : {}),
    });
    const capabilityArgs = adapter.acceptsCapabilityArgs === false ? undefined : scenario.capabilityArgs;
    try {
      await scenario.play(buildKit(capabilityArgs, adapter, workspace));
    } finally {
      await adapter.close?.();
    }
    const logText = await workspace.readLog();
    const parsed = parseRuntimeLog(logText);
    if (!parsed.ok)
      throw new HarnessError(
        'CNI_CONFORMANCE_CONFIG_INVALID',
        `spy log ${workspace.logPath} is invalid: ${formatParseIssues(parsed.issues)}`,
      );
    const report = judgeRuntimeLog(parsed.value, { profile });
    return { scenario, adapter: adapter.name, logText, log: parsed.value, report };
  } finally {
    if (!options.keepWorkspace) await workspace.dispose();
  }
}
