/**
 * Everything a rule reads: the parsed log, its operations, the installed networks and attachment history.
 */
import type { SpyRecord } from '../plugins/meta/spy/record.ts';
import type { OperationLine, RuntimeLog, ScenarioLine } from './log.ts';
import { buildNetworkSpec, type NetworkSpec } from './network.ts';
import { type ChainOp, groupOperations, networkOf, opSucceeded, outputOf, stdinOf } from './operations.ts';

/** The judge's view of one log. */
export interface JudgeContext {
  readonly scenario: ScenarioLine | undefined;
  readonly invocations: readonly SpyRecord[];
  readonly requested: readonly OperationLine[];
  readonly ops: readonly ChainOp[];
  readonly networks: ReadonlyMap<string, NetworkSpec>;
}

/** Builds the context; networks come from the scenario line. */
export function buildJudgeContext(log: RuntimeLog): JudgeContext {
  const networks = new Map<string, NetworkSpec>();
  for (const conflist of log.scenario?.networks ?? []) {
    const aggregated = log.scenario?.aggregated?.[String(conflist.name ?? '')];
    const spec = buildNetworkSpec(conflist, log.scenario?.maxVersion, aggregated);
    networks.set(spec.name, spec);
  }
  return {
    scenario: log.scenario,
    invocations: log.invocations,
    requested: log.operations,
    ops: groupOperations(log.invocations),
    networks,
  };
}

/** The network an invocation belongs to: by stdin name, else the first network listing its type. */
export function networkFor(ctx: JudgeContext, record: SpyRecord): NetworkSpec | undefined {
  const byName = ctx.networks.get(networkOf(record));
  if (byName) return byName;
  return [...ctx.networks.values()].find((net) => net.types.includes(record.calledAs));
}

/** The plugin object the runtime was configured with for this invocation. */
export function pluginFor(ctx: JudgeContext, record: SpyRecord): Record<string, unknown> | undefined {
  const net = networkFor(ctx, record);
  return net?.plugins[net.types.indexOf(record.calledAs)];
}

/** Whether an ADD op ran the whole list successfully. */
export function addCompleted(ctx: JudgeContext, op: ChainOp): boolean {
  const net = ctx.networks.get(op.network);
  return opSucceeded(op) && (net === undefined || op.calls.length === net.types.length);
}

/** The attachment's history just before `op`: its last ADD and whether a DEL came after that ADD. */
export interface AttachmentState {
  readonly lastAdd: ChainOp | undefined;
  readonly lastDel: ChainOp | undefined;
  /** True when the last ADD completed and no DEL followed it. */
  readonly active: boolean;
  /** The final plugin's output of the last ADD, when it completed. */
  readonly cachedResult: unknown;
}

function sameAttachment(a: ChainOp, b: ChainOp): boolean {
  return a.network === b.network && a.containerId === b.containerId && a.ifname === b.ifname;
}

/** The state of `op`'s attachment as the ops before it left it. */
export function stateBefore(ctx: JudgeContext, op: ChainOp): AttachmentState {
  let lastAdd: ChainOp | undefined;
  let lastDel: ChainOp | undefined;
  let delAfterAdd = false;
  for (const earlier of ctx.ops) {
    if (earlier === op) break;
    if (!sameAttachment(earlier, op)) continue;
    if (earlier.verb === 'ADD') [lastAdd, delAfterAdd] = [earlier, false];
    if (earlier.verb === 'DEL') [lastDel, delAfterAdd] = [earlier, true];
  }
  const completed = lastAdd !== undefined && addCompleted(ctx, lastAdd);
  const active = completed && !delAfterAdd;
  const cachedResult = completed && lastAdd ? outputOf(lastAdd.calls.at(-1) as SpyRecord) : undefined;
  return { lastAdd, lastDel: delAfterAdd ? lastDel : undefined, active, cachedResult };
}

/** The ops after `op` for the same attachment. */
export function opsAfter(ctx: JudgeContext, op: ChainOp): ChainOp[] {
  const index = ctx.ops.indexOf(op);
  return ctx.ops.slice(index + 1).filter((later) => sameAttachment(later, op));
}

/**
 * The plugins a `verb` op of `network` can reach, in order: a plugin missing from CNI_PATH halts the op, so
 * the ones after it are never run (R-ENV-7).
 */
export function reachableTypes(ctx: JudgeContext, order: readonly string[]): readonly string[] {
  const missing = ctx.scenario?.missingTypes ?? [];
  const stop = order.findIndex((type) => missing.includes(type));
  return stop === -1 ? order : order.slice(0, stop);
}

/** A request's `prevResult`, or undefined. */
export function prevResultOf(record: SpyRecord): unknown {
  return stdinOf(record).prevResult;
}
