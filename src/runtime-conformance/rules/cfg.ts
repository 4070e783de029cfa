/**
 * R-CFG: version selection and the disable switches (notes §3.1).
 */
import { networkFor } from '../context.ts';
import { stdinOf } from '../operations.ts';
import { atLeast, callsOf, describeCall, type Rule, Tally } from './rule.ts';

function disabledVerbRule(id: string, verb: 'CHECK' | 'GC', flag: 'disableCheck' | 'disableGC'): Rule {
  return {
    id,
    level: 'MUST',
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
  };
}

/** R-CFG-*. */
export const cfgRules: readonly Rule[] = [
  {
    id: 'R-CFG-1',
    level: 'MUST',
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
  },
  disabledVerbRule('R-CFG-2', 'CHECK', 'disableCheck'),
  disabledVerbRule('R-CFG-3', 'GC', 'disableGC'),
];
