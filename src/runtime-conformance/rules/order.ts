/**
 * Helpers for chain-order rules: a chain op must walk the list (or its reverse) from the start, and a failed
 * op must not be continued by the next one (R-ADD-1, R-DEL-1, R-DEL-3, R-CHK-2, R-STAT-1).
 */

import type { RequirementId } from '../../spec/requirements.ts';
import type { JudgeContext } from '../context.ts';
import type { ChainOp } from '../operations.ts';
import { defineRule, type Rule, Tally } from './rule.ts';

/** The order a verb walks the list in. */
export function expectedOrder(types: readonly string[], verb: string): readonly string[] {
  return verb === 'DEL' ? [...types].reverse() : types;
}

function isPrefix(got: readonly string[], want: readonly string[]): boolean {
  return got.length <= want.length && got.every((type, index) => want[index] === type);
}

/** Builds a rule: every `verb` op walks the list in `expectedOrder`, as a prefix. */
export function orderRule(id: RequirementId, verb: string, title: string): Rule {
  return defineRule({
    id,
    title,
    judge(ctx) {
      const tally = new Tally();
      for (const op of ctx.ops.filter((o) => o.verb === verb)) {
        const net = ctx.networks.get(op.network);
        if (!net) continue;
        const want = expectedOrder(net.types, verb);
        const got = op.calls.map((call) => call.calledAs);
        tally.expect(
          isPrefix(got, want),
          () => `${verb} cid=${op.containerId} called ${got.join(',')}; list order is ${want.join(',')}`,
        );
      }
      return tally.outcome();
    },
  });
}

function nextOnSameKey(ctx: JudgeContext, op: ChainOp): ChainOp | undefined {
  const index = ctx.ops.indexOf(op);
  return ctx.ops
    .slice(index + 1)
    .find(
      (o) =>
        o.verb === op.verb &&
        o.network === op.network &&
        o.containerId === op.containerId &&
        o.ifname === op.ifname,
    );
}

/** Builds a rule: after a plugin fails, the runtime does not go on to the next plugin of the same op. */
export function stopRule(id: RequirementId, verb: string, title: string): Rule {
  return defineRule({
    id,
    title,
    judge(ctx) {
      const tally = new Tally();
      for (const op of ctx.ops.filter((o) => o.verb === verb && o.calls.at(-1)?.exitCode !== 0)) {
        const net = ctx.networks.get(op.network);
        const failed = op.calls.at(-1)?.calledAs ?? '';
        if (!net) continue;
        const order = expectedOrder(net.types, verb);
        const successor = order[order.indexOf(failed) + 1];
        const next = nextOnSameKey(ctx, op)?.calls[0];
        const continued =
          successor !== undefined && next?.calledAs === successor && next.calledAs !== order[0];
        tally.expect(
          !continued,
          () => `${verb} cid=${op.containerId}: ${failed} failed, then ${successor} was still called`,
        );
      }
      return tally.outcome();
    },
  });
}
