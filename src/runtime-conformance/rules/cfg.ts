/**
 * R-CFG: version selection and the disable switches (R-CFG-*).
 */
import { isDeepStrictEqual } from 'node:util';
import type { RequirementId } from '../../spec/requirements.ts';
import { type JudgeContext, networkFor } from '../context.ts';
import type { NetworkSpec } from '../network.ts';
import { type ChainOp, opSucceeded, stdinOf } from '../operations.ts';
import { expectedOrder } from './order.ts';
import { atLeast, callsOf, defineRule, describeCall, type Rule, Tally } from './rule.ts';

function disabledVerbRule(id: RequirementId, verb: 'CHECK' | 'GC', flag: 'disableCheck' | 'disableGC'): Rule {
  return defineRule({
    id,
    title: `${flag}: true means no ${verb} ever reaches a plugin`,
    judge(ctx) {
      const tally = new Tally();
      for (const net of ctx.networks.values()) {
        if (!net[flag]) continue;
        const asked = ctx.requested.filter((op) => op.op === verb && op.network === net.name).length;
        const reached = callsOf(ctx, verb).filter((call) => networkFor(ctx, call) === net);
        if (asked === 0 && reached.length === 0) continue;
        tally.expect(reached.length === 0, () => `${net.name}: ${reached.map(describeCall).join(', ')}`);
      }
      return tally.outcome();
    },
  });
}

/** One op of a network with sibling-dir plugin configs: all of them in place, or none when ignored. */
function judgeAggregation(tally: Tally, net: NetworkSpec, op: ChainOp): void {
  const got = op.calls.map((call) => call.calledAs);
  if (net.ignoredTypes.length > 0) {
    const ran = got.filter((type) => net.ignoredTypes.includes(type));
    tally.expect(
      ran.length === 0,
      () =>
        `${op.verb} ${net.name} cid=${op.containerId} ran ${ran.join(',')} despite loadOnlyInlinedPlugins`,
    );
    return;
  }
  // Only a completed op shows the whole list; a failing one is judged by the chain rules.
  if (!opSucceeded(op)) return;
  const want = expectedOrder(net.types, op.verb);
  tally.expect(
    isDeepStrictEqual(got, want),
    () =>
      `${op.verb} ${net.name} cid=${op.containerId} called ${got.join(',')}; with ${net.aggregatedTypes.join(',')} from ${net.name}/ appended the list is ${want.join(',')}`,
  );
}

function aggregationOutcome(ctx: JudgeContext) {
  const tally = new Tally();
  for (const net of ctx.networks.values()) {
    if (net.aggregatedTypes.length === 0 && net.ignoredTypes.length === 0) continue;
    for (const op of ctx.ops.filter((o) => o.network === net.name && o.verb !== 'GC' && o.verb !== 'STATUS'))
      judgeAggregation(tally, net, op);
  }
  return tally.outcome();
}

/** R-CFG-*. */
export const cfgRules: readonly Rule[] = [
  defineRule({
    id: 'R-CFG-1',
    title: 'the highest supported version of cniVersion ∪ cniVersions is selected',
    judge(ctx) {
      const max = ctx.scenario?.maxVersion ?? '1.1.0';
      if (!atLeast(max, '1.1.0'))
        return {
          checked: 0,
          violations: [],
          skip: `the runtime supports CNI up to ${max}; cniVersions is 1.1.0`,
        };
      const tally = new Tally();
      for (const call of callsOf(ctx, 'ADD', 'DEL', 'CHECK', 'GC', 'STATUS')) {
        const net = networkFor(ctx, call);
        if (!net || !Array.isArray(ctx.scenario?.networks.find((n) => n.name === net.name)?.cniVersions))
          continue;
        const got = stdinOf(call).cniVersion;
        tally.expect(
          got === net.selectedVersion,
          () => `${describeCall(call)}: cniVersion ${String(got)}, expected ${net.selectedVersion}`,
        );
      }
      return tally.outcome();
    },
  }),
  disabledVerbRule('R-CFG-2', 'CHECK', 'disableCheck'),
  disabledVerbRule('R-CFG-3', 'GC', 'disableGC'),
  defineRule({
    id: 'R-CFG-4',
    title:
      'plugin configs in <confdir>/<network>/ run after the inlined plugins (last on ADD, first on DEL), not with loadOnlyInlinedPlugins',
    judge(ctx) {
      const max = ctx.scenario?.maxVersion ?? '1.1.0';
      if (!atLeast(max, '1.1.0'))
        return {
          checked: 0,
          violations: [],
          skip: `the runtime supports CNI up to ${max}; aggregated plugin configs are a 1.1.0 feature`,
        };
      return aggregationOutcome(ctx);
    },
  }),
];
