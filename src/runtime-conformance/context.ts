/**
 * Everything a rule reads: the parsed log, its operations, the installed networks and attachment history.
 */
import type { SpyRecord } from '../plugins/meta/spy/record.ts';
import { type DelegatedCall, splitDelegated } from './delegation.ts';
import type { OperationLine, RuntimeLog, ScenarioLine } from './log.ts';
import { buildNetworkSpec, type NetworkSpec } from './network.ts';
import { type ChainOp, groupOperations, networkOf, opSucceeded, outputOf, stdinOf } from './operations.ts';

type Json = Record<string, unknown>;

/** The judge's view of one log. */
export interface JudgeContext {
  readonly scenario: ScenarioLine | undefined;
  /** The runtime's own calls: delegated ones are in `delegated`. */
  readonly invocations: readonly SpyRecord[];
  /** Calls a recorded plugin made (its IPAM or delegate): judged by P-DLG-*, never as the runtime's. */
  readonly delegated: readonly DelegatedCall[];
  readonly requested: readonly OperationLine[];
  /** Chain ops whose every list member left records; the others are in `partialOps`. */
  readonly ops: readonly ChainOp[];
  /** Ops of a network with a member that left no record at all: order, prevResult and cleanup rules skip them. */
  readonly partialOps: readonly ChainOp[];
  readonly networks: ReadonlyMap<string, NetworkSpec>;
  /** Per network, the list members that left no record anywhere in the log (not run through a recorder). */
  readonly unrecorded: ReadonlyMap<string, readonly string[]>;
}

/** Where the networks come from when the log has no scenario line (`runtime judge --conf-dir`). */
export interface ContextOptions {
  readonly networks?: readonly Json[];
}

function networksOf(log: RuntimeLog, options: ContextOptions): Map<string, NetworkSpec> {
  const networks = new Map<string, NetworkSpec>();
  for (const conflist of log.scenario?.networks ?? options.networks ?? []) {
    const aggregated = log.scenario?.aggregated?.[String(conflist.name ?? '')];
    const spec = buildNetworkSpec(conflist, log.scenario?.maxVersion, aggregated);
    networks.set(spec.name, spec);
  }
  return networks;
}

/**
 * Which types leave records: the harness's scenario installs a spy for every type (unless it names the recorded
 * ones); a log without one holds what ran through a recorder: every type it shows or `runtime record` wrapped.
 */
function recordedTypes(log: RuntimeLog): ReadonlySet<string> | undefined {
  if (log.scenario) return log.scenario.recordedTypes ? new Set(log.scenario.recordedTypes) : undefined;
  return new Set([...log.invocations.map((call) => call.calledAs), ...(log.recorderPlugins ?? [])]);
}

/** List members of each network that cannot have left a record (not run through a recorder). */
function unrecordedMembers(
  networks: ReadonlyMap<string, NetworkSpec>,
  log: RuntimeLog,
): Map<string, readonly string[]> {
  const seen = recordedTypes(log);
  if (!seen) return new Map();
  const missing = log.scenario?.missingTypes ?? [];
  const unrecorded = new Map<string, readonly string[]>();
  for (const net of networks.values()) {
    const types = net.types.filter((type) => !seen.has(type) && !missing.includes(type));
    if (types.length > 0) unrecorded.set(net.name, types);
  }
  return unrecorded;
}

/** Builds the context; networks come from the scenario line, else from `options.networks`. */
export function buildJudgeContext(log: RuntimeLog, options: ContextOptions = {}): JudgeContext {
  const networks = networksOf(log, options);
  const unrecorded = unrecordedMembers(networks, log);
  const { runtimeCalls, delegated } = splitDelegated(log.invocations);
  const allOps = groupOperations(runtimeCalls);
  return {
    scenario: log.scenario,
    invocations: runtimeCalls,
    delegated,
    requested: log.operations,
    ops: allOps.filter((op) => !unrecorded.has(op.network)),
    partialOps: allOps.filter((op) => unrecorded.has(op.network)),
    networks,
    unrecorded,
  };
}

/** One line per op that the judge could see only in part: which list members left no record. */
export function unrecordedNotes(ctx: JudgeContext): string[] {
  return ctx.partialOps.map(
    (op) =>
      `${op.verb} ${op.network} cid=${op.containerId || '-'} if=${op.ifname || '-'}: ${(ctx.unrecorded.get(op.network) ?? []).join(',')} left no record (not run through a recorder); rules that need the whole list skip this operation`,
  );
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
