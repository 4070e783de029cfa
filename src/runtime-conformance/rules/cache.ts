/**
 * R-DEL-4 judged on disk: where the adapter exposes its result cache dir, the harness looks at the libcni-layout
 * cache file after each ADD and DEL (R-DEL-*, R-CACHE-*, libcni's cniCacheV1) and the operation lines carry what it saw.
 */
import type { JudgeContext } from '../context.ts';
import type { OperationLine } from '../log.ts';
import { networkOf } from '../operations.ts';
import { defineRule, type Rule, Tally } from './rule.ts';

const sameAttachment = (a: OperationLine, b: OperationLine) =>
  a.network === b.network && a.containerId === b.containerId && a.ifname === b.ifname;

/** The attachment's last successful ADD before `del`, if the cache file was seen right after it. */
function cachedAddBefore(ctx: JudgeContext, del: OperationLine): OperationLine | undefined {
  const earlier = ctx.requested.slice(0, ctx.requested.indexOf(del));
  const add = earlier.filter((line) => line.op === 'ADD' && line.ok && sameAttachment(line, del)).at(-1);
  return add?.cacheFile?.present ? add : undefined;
}

/**
 * True when a plugin DEL of the line's network failed while the runtime served it. The runtime may still have
 * said "ok" (an R-ERR-1 matter); libcni rightly keeps the cache file then, so the DEL was not a successful one.
 * Matched by network and time, not container ID: a runtime may name the container its own way.
 */
function pluginDelFailed(ctx: JudgeContext, del: OperationLine): boolean {
  return ctx.invocations.some(
    (call) =>
      call.env.CNI_COMMAND === 'DEL' &&
      call.exitCode !== 0 &&
      networkOf(call) === del.network &&
      call.tsStart >= del.tsStart &&
      call.tsStart <= del.tsEnd,
  );
}

/** The cache file of an attachment is gone after its successful DEL. */
export const cacheFileRemovedRule: Rule = defineRule({
  id: 'R-DEL-4',
  title: "the attachment's result cache file is removed by a successful DEL (seen on disk)",
  judge(ctx) {
    if (!ctx.scenario?.cacheDir)
      return { checked: 0, violations: [], skip: 'the runtime does not expose its result cache dir' };
    const dels = ctx.requested.filter(
      (line) => line.op === 'DEL' && line.ok && line.cacheFile && !pluginDelFailed(ctx, line),
    );
    const tally = new Tally();
    for (const del of dels) {
      if (!cachedAddBefore(ctx, del)) continue;
      tally.expect(
        del.cacheFile?.present === false,
        () =>
          `DEL ${del.network} cid=${del.containerId ?? ''} if=${del.ifname ?? ''} left ${del.cacheFile?.path}`,
      );
    }
    if (tally.checked === 0 && dels.length > 0)
      return {
        checked: 0,
        violations: [],
        skip: `no result cache file at ${ctx.scenario.cacheDir}/results/<network>-<cid>-<ifname> after ADD (not the libcni layout)`,
      };
    return tally.outcome();
  },
});
