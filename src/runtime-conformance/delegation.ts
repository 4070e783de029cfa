/**
 * Delegated calls: a plugin run by another plugin (bridge running host-local as its IPAM) rather than by the
 * runtime. They are judged by the delegation rules (P-DLG-*), never as runtime calls.
 */
import type { SpyRecord } from '../plugins/meta/spy/record.ts';
import { stdinOf } from './operations.ts';

/** A call some recorded plugin made, and that plugin's call. */
export interface DelegatedCall {
  readonly call: SpyRecord;
  readonly parent: SpyRecord;
}

function runsDuring(parent: SpyRecord, call: SpyRecord): boolean {
  return parent !== call && parent.tsStart <= call.tsStart && call.tsEnd <= parent.tsEnd;
}

/** The types a plugin config names as its delegates: `ipam.type`, `delegate.type`. */
export function delegateTypes(config: Record<string, unknown>): string[] {
  return ['ipam', 'delegate'].flatMap((key) => {
    const value = config[key];
    const type =
      typeof value === 'object' && value !== null ? (value as Record<string, unknown>).type : undefined;
    return typeof type === 'string' ? [type] : [];
  });
}

/**
 * The recorded plugin that ran `call`: the invocation whose pid is its ppid and which was running then; where no
 * ppid was recorded, an invocation it ran inside whose config names its type as `ipam` or delegate.
 */
export function parentOf(call: SpyRecord, invocations: readonly SpyRecord[]): SpyRecord | undefined {
  if (call.ppid !== undefined)
    return invocations.find((other) => other.pid === call.ppid && runsDuring(other, call));
  return invocations.find(
    (other) => runsDuring(other, call) && delegateTypes(stdinOf(other)).includes(call.calledAs),
  );
}

/** Splits invocations into the runtime's own calls and the calls plugins delegated. */
export function splitDelegated(invocations: readonly SpyRecord[]): {
  readonly runtimeCalls: readonly SpyRecord[];
  readonly delegated: readonly DelegatedCall[];
} {
  const runtimeCalls: SpyRecord[] = [];
  const delegated: DelegatedCall[] = [];
  for (const call of invocations) {
    const parent = parentOf(call, invocations);
    if (parent) delegated.push({ call, parent });
    else runtimeCalls.push(call);
  }
  return { runtimeCalls, delegated };
}
