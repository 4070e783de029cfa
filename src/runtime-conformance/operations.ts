/**
 * Groups spy invocations into chain operations (one runtime ADD/DEL/CHECK/GC/STATUS over a list) and follows
 * each attachment's state through the log, the way the rules need to see them.
 */
import type { SpyRecord } from '../plugins/meta/spy/record.ts';

/** One chain operation as the spies saw it. */
export interface ChainOp {
  readonly verb: string;
  readonly network: string;
  readonly containerId: string;
  readonly ifname: string;
  readonly calls: SpyRecord[];
}

/** The request config a spy received, or {} when it was not a JSON object. */
export function stdinOf(record: SpyRecord): Record<string, unknown> {
  return typeof record.stdin === 'object' && record.stdin !== null
    ? (record.stdin as Record<string, unknown>)
    : {};
}

/** The network name of an invocation (stdin `name`). */
export function networkOf(record: SpyRecord): string {
  const name = stdinOf(record).name;
  return typeof name === 'string' ? name : '';
}

function opKey(record: SpyRecord): string {
  const env = record.env;
  return [env.CNI_COMMAND, networkOf(record), env.CNI_CONTAINERID ?? '', env.CNI_IFNAME ?? ''].join('\u0000');
}

function continues(op: ChainOp, record: SpyRecord): boolean {
  if (op.calls.some((call) => call.calledAs === record.calledAs)) return false;
  const last = op.calls.at(-1);
  // GC runs every plugin whatever fails (R-GC-1); other verbs stop at the first failure.
  return op.verb === 'GC' || last === undefined || last.exitCode === 0;
}

/**
 * Splits invocations (sorted by start) into operations: consecutive calls with the same verb, network,
 * container and ifname, split when a plugin repeats or after a failure. VERSION probes are left out.
 */
export function groupOperations(invocations: readonly SpyRecord[]): ChainOp[] {
  const ops: ChainOp[] = [];
  const open = new Map<string, ChainOp>();
  for (const record of invocations) {
    const verb = record.env.CNI_COMMAND ?? '';
    if (verb === 'VERSION') continue;
    const key = opKey(record);
    const current = open.get(key);
    if (current && continues(current, record)) {
      current.calls.push(record);
      continue;
    }
    const op: ChainOp = {
      verb,
      network: networkOf(record),
      containerId: record.env.CNI_CONTAINERID ?? '',
      ifname: record.env.CNI_IFNAME ?? '',
      calls: [record],
    };
    ops.push(op);
    open.set(key, op);
  }
  return ops;
}

/** True when every call of the op exited 0. */
export function opSucceeded(op: ChainOp): boolean {
  return op.calls.every((call) => call.exitCode === 0);
}

/** The parsed stdout of a call, or undefined. */
export function outputOf(record: SpyRecord): unknown {
  try {
    return record.stdout.trim() === '' ? undefined : JSON.parse(record.stdout);
  } catch {
    return undefined;
  }
}

/** The CNI error code a failing call printed, if any. */
export function errorCodeOf(record: SpyRecord): number | undefined {
  const output = outputOf(record);
  if (typeof output !== 'object' || output === null) return undefined;
  const code = (output as Record<string, unknown>).code;
  return typeof code === 'number' ? code : undefined;
}

/** Key of an attachment: (network, container ID, ifname). */
export function attachmentKey(network: string, containerId: string, ifname: string): string {
  return `${network}/${containerId}/${ifname}`;
}
