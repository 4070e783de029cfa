/**
 * Scenarios and the kit they play with: each scenario installs conflists of spies, scripts the spies, drives
 * the runtime through an adapter and records every operation it asked for in the log beside the spy records.
 */

import { formatParseIssues, HarnessError } from '../errors.ts';
import type { SpyControl } from '../plugins/meta/spy/record.ts';
import type { AdapterFactory, AdapterOutcome, RuntimeAdapter, ValidAttachment } from './adapter.ts';
import type { RuntimeProfile } from './finding.ts';
import { type JudgeReport, judgeRuntimeLog } from './judge.ts';
import { type Operation, parseRuntimeLog, type RuntimeLog } from './log.ts';
import { clampConflistVersion } from './network.ts';
import { createWorkspace, type Workspace, type WorkspaceOptions } from './workspace.ts';

type Json = Readonly<Record<string, unknown>>;

/** Options of one attachment call inside a scenario. */
export interface KitAttachment {
  readonly network: string;
  readonly containerId: string;
  /** @defaultValue "eth0" */
  readonly ifname?: string;
  /** Netns name (created by `kit.container`); "" sends an empty CNI_NETNS. @defaultValue containerId */
  readonly netns?: string;
}

/** What a scenario's `play` gets. */
export interface ScenarioKit {
  readonly adapter: RuntimeAdapter;
  readonly workspace: Workspace;
  /** Creates a container netns named `name`. */
  container(name: string): Promise<string>;
  /** Removes a container netns (after its DEL, as a runtime does). */
  removeContainer(name: string): Promise<void>;
  add(attachment: KitAttachment): Promise<AdapterOutcome>;
  check(attachment: KitAttachment): Promise<AdapterOutcome>;
  del(attachment: KitAttachment): Promise<AdapterOutcome>;
  gc(network: string, valid: readonly ValidAttachment[]): Promise<AdapterOutcome>;
  status(network: string): Promise<AdapterOutcome>;
}

/** A runtime scenario. */
export interface RuntimeScenario {
  readonly name: string;
  /** A sentence: what the scenario exercises. */
  readonly summary: string;
  /**
   * Requirement IDs this scenario is built to exercise (the suites assert these are judged, not skipped).
   * `verbs` are the verbs it cannot do without; other kit calls the adapter cannot trigger are left out.
   */
  readonly exercises: readonly string[];
  readonly verbs: readonly Operation[];
  /** Conflists to install, written as `<index>-<name>.conflist`. */
  readonly networks: readonly Json[];
  readonly control?: SpyControl;
  /** Capability arguments given to the runtime on ADD/DEL/CHECK. */
  readonly capabilityArgs?: Json;
  /** True when the scenario ends every container's lifecycle (R-LIFE-2 applies). */
  readonly lifecycleComplete: boolean;
  play(kit: ScenarioKit): Promise<void>;
}

function spyTypes(networks: readonly Json[]): string[] {
  const types = networks.flatMap((net) =>
    (Array.isArray(net.plugins) ? net.plugins : []).map((p: Json) => String(p.type)),
  );
  return [...new Set(types)];
}

function buildKit(scenario: RuntimeScenario, adapter: RuntimeAdapter, workspace: Workspace): ScenarioKit {
  const netnsPaths = new Map<string, string>();
  const capabilityArgs = adapter.acceptsCapabilityArgs === false ? undefined : scenario.capabilityArgs;
  const request = (a: KitAttachment) => {
    const netnsName = a.netns ?? a.containerId;
    const netns = netnsName === '' ? '' : (netnsPaths.get(netnsName) ?? '');
    return {
      network: a.network,
      containerId: a.containerId,
      ifname: a.ifname ?? 'eth0',
      netns,
      ...(capabilityArgs ? { capabilityArgs } : {}),
    };
  };
  async function record(
    op: Operation,
    network: string,
    ids: { containerId?: string; ifname?: string },
    body: () => Promise<AdapterOutcome>,
  ): Promise<AdapterOutcome> {
    // An optional step the runtime cannot trigger is left out, not faked.
    if (!adapter.supports.has(op))
      return { ok: false, error: { text: `${adapter.name} cannot trigger ${op}` } };
    const tsStart = performance.timeOrigin + performance.now();
    const outcome = await body();
    const tsEnd = performance.timeOrigin + performance.now();
    await workspace.appendLog({
      kind: 'operation',
      op,
      network,
      ...ids,
      tsStart,
      tsEnd,
      ok: outcome.ok,
      ...(outcome.error ? { error: outcome.error } : {}),
    });
    return outcome;
  }
  const attachmentOp =
    (op: Operation, call: (r: ReturnType<typeof request>) => Promise<AdapterOutcome>) =>
    (a: KitAttachment) => {
      const r = request(a);
      return record(op, r.network, { containerId: r.containerId, ifname: r.ifname }, () => call(r));
    };
  return {
    adapter,
    workspace,
    async container(name) {
      const path = await workspace.addNetns(name);
      netnsPaths.set(name, path);
      return path;
    },
    async removeContainer(name) {
      await workspace.removeNetns(name);
      netnsPaths.delete(name);
    },
    add: attachmentOp('ADD', (r) => adapter.add(r)),
    check: attachmentOp('CHECK', (r) => adapter.check(r)),
    del: attachmentOp('DEL', (r) => adapter.del(r)),
    gc: (network, valid) => record('GC', network, {}, () => adapter.gc(network, valid)),
    status: (network) => record('STATUS', network, {}, () => adapter.status(network)),
  };
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
  try {
    await workspace.installSpies(spyTypes(scenario.networks));
    await workspace.writeControl(scenario.control ?? {});
    const adapter = await factory(workspace);
    const unsupported = scenario.verbs.filter((verb) => !adapter.supports.has(verb));
    if (unsupported.length > 0) {
      await adapter.close?.();
      const skipped = `runtime ${adapter.name} cannot trigger ${unsupported.join(', ')}`;
      const log: RuntimeLog = { scenario: undefined, invocations: [], operations: [] };
      return {
        scenario,
        adapter: adapter.name,
        logText: '',
        log,
        report: { profile: options.profile ?? 'strict', findings: [], failed: false },
        skipped,
      };
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
      hostNetns: workspace.hostNetns,
      lifecycleComplete: scenario.lifecycleComplete,
      maxVersion,
      ...(adapter.acceptsCapabilityArgs !== false && scenario.capabilityArgs
        ? { capabilityArgs: scenario.capabilityArgs }
        : {}),
    });
    try {
      await scenario.play(buildKit(scenario, adapter, workspace));
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
    const report = judgeRuntimeLog(parsed.value, { profile: options.profile ?? 'strict' });
    return { scenario, adapter: adapter.name, logText, log: parsed.value, report };
  } finally {
    if (!options.keepWorkspace) await workspace.dispose();
  }
}
