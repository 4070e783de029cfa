/**
 * R-ADD, R-DEL, R-CHK, R-STAT, R-CACHE: chain order, prevResult from the cache, cleanup after failures
 * (R-ADD-*, R-DEL-*, R-CHK-*, R-GC-*, R-STAT-*, R-CACHE-*).
 */
import type { SpyRecord } from '../../plugins/meta/spy/record.ts';
import type { RequirementId } from '../../spec/requirements.ts';
import { formatJson } from '../compare.ts';
import {
  addCompleted,
  type JudgeContext,
  opsAfter,
  prevResultOf,
  reachableTypes,
  stateBefore,
} from '../context.ts';
import { errorCodeOf, stdinOf } from '../operations.ts';
import { cacheFileRemovedRule } from './cache.ts';
import { sameAttachmentRule } from './env.ts';
import { orderRule, stopRule } from './order.ts';
import { sameCachedResult } from './result-shape.ts';
import { atLeast, defineRule, describeCall, type Rule, Tally } from './rule.ts';

function cachedPrevResult(ctx: JudgeContext, verb: string, presenceOnly: boolean): Tally {
  const tally = new Tally();
  for (const op of ctx.ops.filter((o) => o.verb === verb)) {
    const state = stateBefore(ctx, op);
    if (!state.active || !atLeast(stdinOf(op.calls[0] as SpyRecord).cniVersion, '0.4.0')) continue;
    for (const call of op.calls) {
      const got = prevResultOf(call);
      const version = stdinOf(call).cniVersion;
      const holds = presenceOnly ? got !== undefined : sameCachedResult(got, state.cachedResult, version);
      tally.expect(
        holds,
        () =>
          `${describeCall(call)}: prevResult ${formatJson(got)}, cached ADD result ${formatJson(state.cachedResult)}`,
      );
    }
  }
  return tally;
}

function persisted(id: RequirementId, title: string): Rule {
  return defineRule({
    id,
    title,
    judge(ctx) {
      const tally = cachedPrevResult(ctx, 'DEL', true);
      const check = cachedPrevResult(ctx, 'CHECK', true);
      tally.checked += check.checked;
      tally.violations.push(...check.violations);
      return tally.outcome();
    },
  });
}

/** ADDs that did not run the whole list successfully: a plugin failed, or the runtime gave up part-way. */
function failedAdds(ctx: JudgeContext) {
  return ctx.ops.filter((op) => op.verb === 'ADD' && !addCompleted(ctx, op));
}

/** R-ADD, R-DEL, R-CHK, R-STAT, R-CACHE rules. */
export const chainRules: readonly Rule[] = [
  orderRule('R-ADD-1', 'ADD', 'ADD runs the plugins in list order'),
  stopRule('R-ADD-1', 'ADD', 'ADD stops at the first failing plugin'),
  persisted('R-ADD-2', "the final ADD result is kept and handed to the attachment's later DEL and CHECK"),
  defineRule({
    id: 'R-ADD-3',
    title: 'a failed ADD is cleaned up with a DEL of every plugin',
    judge(ctx) {
      const tally = new Tally();
      for (const op of failedAdds(ctx)) {
        const last = op.calls.at(-1) as SpyRecord;
        if (last.exitCode !== 0 && errorCodeOf(last) === 3) continue; // code 3 on ADD: nothing to clean up (R-ERR-2)
        const del = opsAfter(ctx, op).find((later) => later.verb === 'DEL');
        const order = [...(ctx.networks.get(op.network)?.types ?? [])].reverse();
        // A plugin missing from CNI_PATH halts the cleanup DEL too (R-ENV-7): only the ones before it are due.
        const due = reachableTypes(ctx, order);
        if (due.length === 0) continue;
        const missed = due.filter((type) => !del?.calls.some((call) => call.calledAs === type));
        tally.expect(del !== undefined && missed.length === 0, () =>
          del
            ? `DEL after failed ADD cid=${op.containerId} skipped ${missed.join(',')}`
            : `no DEL after the ADD that ended at ${describeCall(last)}`,
        );
      }
      return tally.outcome();
    },
  }),
  defineRule({
    id: 'R-ADD-4',
    title: 'no second ADD for an attachment without a DEL in between',
    judge(ctx) {
      const tally = new Tally();
      for (const op of ctx.ops.filter((o) => o.verb === 'ADD')) {
        const state = stateBefore(ctx, op);
        if (!state.lastAdd) continue;
        tally.expect(
          state.lastDel !== undefined,
          () => `ADD cid=${op.containerId} if=${op.ifname} repeated without a DEL`,
        );
      }
      return tally.outcome();
    },
  }),
  orderRule('R-DEL-1', 'DEL', 'DEL runs the plugins in reverse list order'),
  defineRule({
    id: 'R-DEL-2',
    title: 'every plugin gets the cached final ADD result as prevResult on DEL (0.4.0 and later)',
    judge: (ctx) => cachedPrevResult(ctx, 'DEL', false).outcome(),
  }),
  stopRule('R-DEL-3', 'DEL', 'DEL stops at the first failing plugin'),
  defineRule({
    id: 'R-DEL-4',
    title: 'the cached result is gone after a successful DEL (a repeated DEL carries no prevResult)',
    judge(ctx) {
      const tally = new Tally();
      for (const op of ctx.ops.filter((o) => o.verb === 'DEL')) {
        const { lastDel } = stateBefore(ctx, op);
        if (!lastDel || lastDel.calls.some((call) => call.exitCode !== 0)) continue;
        for (const call of op.calls)
          tally.expect(
            prevResultOf(call) === undefined,
            () =>
              `${describeCall(call)}: prevResult ${formatJson(prevResultOf(call))} after the attachment was already deleted`,
          );
      }
      return tally.outcome();
    },
  }),
  cacheFileRemovedRule,
  defineRule({
    id: 'R-CHK-1',
    // libcni does not check that the attachment was added (R-CHK-*): compat accepts it.
    libcniDeviation: true,
    title: 'CHECK only reaches plugins for an attachment that was added and not deleted, at 0.4.0 or later',
    judge(ctx) {
      const tally = new Tally();
      for (const op of ctx.ops.filter((o) => o.verb === 'CHECK')) {
        const first = op.calls[0] as SpyRecord;
        const version = stdinOf(first).cniVersion;
        tally.expect(
          stateBefore(ctx, op).active && atLeast(version, '0.4.0'),
          () => `${describeCall(first)} at ${String(version)} without a live ADDed attachment`,
        );
      }
      return tally.outcome();
    },
  }),
  orderRule('R-CHK-2', 'CHECK', 'CHECK runs the plugins in list order'),
  defineRule({
    id: 'R-CHK-2',
    title: 'every plugin gets the cached final ADD result as prevResult on CHECK',
    judge: (ctx) => cachedPrevResult(ctx, 'CHECK', false).outcome(),
  }),
  sameAttachmentRule('R-CHK-4', 'CHECK'),
  orderRule('R-STAT-1', 'STATUS', 'STATUS probes the plugins in list order'),
  persisted('R-CACHE-1', 'the final ADD result is stored and survives until DEL'),
];
