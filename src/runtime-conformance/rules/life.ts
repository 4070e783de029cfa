/**
 * R-LIFE and R-ERR: concurrency, teardown and error reporting (R-LIFE-*, R-ERR-*).
 */
import { isDeepStrictEqual } from 'node:util';
import type { SpyRecord } from '../../plugins/meta/spy/record.ts';
import { type JudgeContext, stateBefore } from '../context.ts';
import { errorCodeOf, stdinOf } from '../operations.ts';
import { defineRule, describeCall, type Rule, Tally } from './rule.ts';

function overlaps(a: SpyRecord, b: SpyRecord): boolean {
  return a.tsStart < b.tsEnd && b.tsStart < a.tsEnd;
}

function requestConfig(call: SpyRecord): Record<string, unknown> {
  const { prevResult: _prev, runtimeConfig: _rc, ...rest } = stdinOf(call);
  return rest;
}

/** The first failing spy call inside a requested operation's time window. */
function failureWithin(ctx: JudgeContext, start: number, end: number): SpyRecord | undefined {
  return ctx.invocations.find((call) => call.exitCode !== 0 && call.tsStart >= start && call.tsEnd <= end);
}

/**
 * True when a runtime's error text names the code as a number of its own: a digit inside a container ID, a hex
 * sandbox ID or a timestamp ("…-27T…", "7f3a…") is not the code.
 */
export function mentionsCode(text: string, code: number): boolean {
  return new RegExp(`(?<![0-9A-Za-z.])${code}(?![0-9A-Za-z]|\\.[0-9])`).test(text);
}

/** R-LIFE-*, R-ERR-1. */
export const lifeRules: readonly Rule[] = [
  defineRule({
    id: 'R-LIFE-1',
    title: 'no two operations on one container run at the same time',
    judge(ctx) {
      const tally = new Tally();
      const calls = ctx.invocations.filter((call) => call.env.CNI_CONTAINERID);
      calls.forEach((call, index) => {
        const clash = calls
          .slice(index + 1)
          .find((other) => other.env.CNI_CONTAINERID === call.env.CNI_CONTAINERID && overlaps(call, other));
        tally.expect(
          clash === undefined,
          () => `${describeCall(call)} overlapped ${clash ? describeCall(clash) : ''}`,
        );
      });
      return tally.outcome();
    },
  }),
  defineRule({
    id: 'R-LIFE-2',
    title: 'every ADD is eventually followed by a DEL',
    judge(ctx) {
      if (!ctx.scenario?.lifecycleComplete)
        return { checked: 0, violations: [], skip: 'the scenario leaves containers running' };
      const tally = new Tally();
      const adds = ctx.ops.filter((op) => op.verb === 'ADD');
      for (const add of adds) {
        const later = ctx.ops.slice(ctx.ops.indexOf(add) + 1);
        const deleted = later.some(
          (op) =>
            op.verb === 'DEL' &&
            op.network === add.network &&
            op.containerId === add.containerId &&
            op.ifname === add.ifname,
        );
        tally.expect(
          deleted,
          () => `ADD ${add.network} cid=${add.containerId} if=${add.ifname} never got a DEL`,
        );
      }
      return tally.outcome();
    },
  }),
  defineRule({
    id: 'R-LIFE-3',
    title: 'DEL and CHECK use the config the attachment was ADDed with',
    judge(ctx) {
      const tally = new Tally();
      for (const op of ctx.ops.filter((o) => o.verb === 'DEL' || o.verb === 'CHECK')) {
        const add = stateBefore(ctx, op).lastAdd;
        for (const call of add ? op.calls : []) {
          const addCall = add?.calls.find((c) => c.calledAs === call.calledAs);
          if (addCall)
            tally.expect(
              isDeepStrictEqual(requestConfig(call), requestConfig(addCall)),
              () => `${describeCall(call)}: config differs from its ADD`,
            );
        }
      }
      return tally.outcome();
    },
  }),
  defineRule({
    id: 'R-LIFE-5',
    title: 'the container netns is still there for the first DEL after an ADD',
    judge(ctx) {
      const tally = new Tally();
      for (const op of ctx.ops.filter((o) => o.verb === 'DEL')) {
        const state = stateBefore(ctx, op);
        if (!state.lastAdd || state.lastDel) continue;
        const first = op.calls[0] as SpyRecord;
        tally.expect(
          first.netns?.isNsfs === true,
          () => `${describeCall(first)}: CNI_NETNS ${first.netns?.path ?? '(empty)'} was already gone`,
        );
      }
      return tally.outcome();
    },
  }),
  defineRule({
    id: 'R-ERR-1',
    title: "the runtime reports a failing plugin's error code",
    judge(ctx) {
      const tally = new Tally();
      for (const op of ctx.requested) {
        const failure = failureWithin(ctx, op.tsStart, op.tsEnd);
        if (!failure || errorCodeOf(failure) === undefined) continue;
        const code = errorCodeOf(failure) as number;
        const text = `${op.error?.msg ?? ''} ${op.error?.text ?? ''}`;
        const surfaced =
          !op.ok && (op.error?.code === code || (op.error?.code === undefined && mentionsCode(text, code)));
        tally.expect(
          surfaced,
          () =>
            `${op.op} ${op.network}: ${describeCall(failure)} failed with code ${code}; runtime reported ${op.ok ? 'success' : JSON.stringify(op.error)}`,
        );
      }
      return tally.outcome();
    },
  }),
];
