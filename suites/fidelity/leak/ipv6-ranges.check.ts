/**
 * LEAK over IPv6 and dual-stack ranges (projectcalico/cni-plugin#908: one family leaked while the other was
 * released). With ranges of one address per family, ADD/DEL cycles beyond that size keep succeeding, and each
 * ADD hands out exactly one address of each configured family, inside its range. A plugin whose DEL forgets a
 * family runs out of that family on the second cycle. Judged by exhaustion, not by reading the IPAM's store.
 * And the bug itself: with IPv4 room left and IPv6 exhausted, the ADD that fails must not keep the IPv4 address
 * it took first; judged by the state difference around a baseline attachment.
 */
import ipaddr from 'ipaddr.js';
import type { JsonObject } from '../../../src/target.ts';
import { attach, attachOrFail, describe, detach } from '../../plugin/lib/attach.ts';
import { expectSuccess } from '../../plugin/lib/verdicts.ts';
import { check } from '../../support/check.ts';
import type { CheckContext } from '../../support/context.ts';
import { isRangeIpam, resultAddresses, withSubnet } from '../lib/ipam-shape.ts';
import { expectNoLeftoversAfterSettling, snapshotWithBaseline } from '../lib/leak-probe.ts';

interface Range {
  readonly subnet: string;
  readonly rangeStart: string;
  readonly rangeEnd: string;
}

/** One address per range, so the second cycle already needs what the first DEL released. */
const V4: Range = { subnet: '10.239.0.0/29', rangeStart: '10.239.0.2', rangeEnd: '10.239.0.2' };
const V6: Range = { subnet: 'fd00:cc14::/125', rangeStart: 'fd00:cc14::2', rangeEnd: 'fd00:cc14::2' };
/** IPv4 with room to spare, IPv6 with two addresses: the baseline's and the first attachment's. */
const V4_ROOMY: Range = { subnet: '10.238.0.0/28', rangeStart: '10.238.0.2', rangeEnd: '10.238.0.9' };
const V6_TWO: Range = { subnet: 'fd00:cc15::/125', rangeStart: 'fd00:cc15::2', rangeEnd: 'fd00:cc15::3' };
/** One more than the addresses each range holds. */
const CYCLES = 2;

function withRanges(config: JsonObject, ranges: readonly Range[]): JsonObject {
  const base = withSubnet(config, V4.subnet);
  return { ...base, ipam: { ...(base.ipam as JsonObject), ranges: ranges.map((range) => [{ ...range }]) } };
}

function inRange(address: string, range: Range): boolean {
  const ip = ipaddr.parse(address);
  const [start, end] = [ipaddr.parse(range.rangeStart), ipaddr.parse(range.rangeEnd)];
  if (ip.kind() !== start.kind()) return false;
  const bytes = (value: ipaddr.IPv4 | ipaddr.IPv6) => Buffer.from(value.toByteArray());
  return Buffer.compare(bytes(ip), bytes(start)) >= 0 && Buffer.compare(bytes(ip), bytes(end)) <= 0;
}

/** What is wrong with one ADD's addresses: not exactly one per range, or outside it. */
function addressProblems(result: unknown, ranges: readonly Range[]): string[] {
  const ips = resultAddresses(result)
    .map((cidr) => cidr.split('/')[0] ?? '')
    .filter((ip) => ipaddr.isValid(ip));
  return ranges.flatMap((range) => {
    const family = ipaddr.parse(range.rangeStart).kind();
    const mine = ips.filter((ip) => ipaddr.parse(ip).kind() === family);
    if (mine.length !== 1) return [`${mine.length} ${family} addresses (${mine.join(', ') || 'none'})`];
    return inRange(mine[0] ?? '', range) ? [] : [`${mine[0]} outside ${range.rangeStart}-${range.rangeEnd}`];
  });
}

async function cycle(ctx: CheckContext, ranges: readonly Range[]): Promise<void> {
  const base = ctx.config();
  if (!isRangeIpam(base))
    return ctx.skip('plugin-capability-missing', 'the IPAM config has no subnet or ranges to replace');
  const config = withRanges(base, ranges);
  for (let round = 1; round <= CYCLES; round++) {
    const containerId = `${ctx.containerId}-${round}`;
    const attachment =
      round === 1
        ? await attachOrFail(ctx, { containerId, config })
        : await attach(ctx, { containerId, config });
    if (attachment.add.kind !== 'ok')
      throw new Error(
        `ADD ${round} of ${CYCLES}, after ${round - 1} successful ADD/DEL cycle(s), failed (the earlier DELs did ` +
          `not release their addresses?): ${describe(attachment.add)}`,
      );
    const problems = addressProblems(attachment.result, ranges);
    if (problems.length > 0) {
      await detach(ctx, attachment);
      throw new Error(`ADD ${round} of ${CYCLES} handed out ${problems.join('; ')}`);
    }
    expectSuccess(await detach(ctx, attachment), `DEL ${round} of ${CYCLES}`);
  }
}

check(
  'P-DEL-1',
  `ADD/DEL cycles beyond an IPv6 range's size keep succeeding (${CYCLES} cycles over 1 address)`,
  { versions: 'latest', roles: ['main', 'ipam'] },
  (ctx) => cycle(ctx, [V6]),
);

check(
  'P-DEL-1',
  `dual-stack ADD/DEL cycles hand out one address per family and release both (${CYCLES} cycles over 1 + 1 addresses)`,
  { versions: 'latest', roles: ['main', 'ipam'] },
  (ctx) => cycle(ctx, [V4, V6]),
);

check(
  'P-DEL-1',
  'a dual-stack ADD that failed on an exhausted IPv6 range, then DEL, leaves no IPv4 address behind',
  { versions: 'latest', roles: ['main', 'ipam'] },
  async (ctx) => {
    const base = ctx.config();
    if (!isRangeIpam(base))
      return ctx.skip('plugin-capability-missing', 'the IPAM config has no subnet or ranges to replace');
    // IPv4 first, so an IPAM that allocates range by range holds an IPv4 address when IPv6 runs out.
    const config = withRanges(base, [V4_ROOMY, V6_TWO]);
    const other = await ctx.sandbox.addContainer('other');
    const containers = [ctx.container.name, other.name];
    const before = await snapshotWithBaseline(ctx, containers, config);
    const first = await attachOrFail(ctx, { config });
    const failed = await attach(ctx, { config, container: other, containerId: `${ctx.containerId}-b` });
    expectSuccess(await detach(ctx, failed), 'DEL after the ADD on the exhausted IPv6 range');
    expectSuccess(await detach(ctx, first), 'DEL of the first attachment');
    const outcome = failed.add.kind === 'ok' ? 'succeeded (!)' : 'failed';
    await expectNoLeftoversAfterSettling(
      ctx,
      before,
      `after a dual-stack ADD that ${outcome} with IPv6 exhausted and IPv4 free, + DEL`,
      containers,
    );
  },
);
