/**
 * CONC (P-CAP-1): two attachments with different `runtimeConfig.bandwidth` limits each get their own shaping
 * (containernetworking/plugins#260: bandwidth shaped the wrong host veth when the host had several). Judged by
 * difference, not by knowing where a plugin shapes: the tbf qdiscs each ADD adds carry that attachment's rate, and
 * the first attachment's are unchanged after the second ADD. Ingress and egress get the same rate per attachment,
 * so every tbf of one attachment has one rate whatever direction it shapes.
 */

import { requireCapability } from '../../plugin/cap/declared.ts';
import { attachOrFail, detach } from '../../plugin/lib/attach.ts';
import { check } from '../../support/check.ts';
import type { CheckContext } from '../../support/context.ts';

interface Tbf {
  /** "dev handle": which qdisc. */
  readonly id: string;
  readonly rate: number;
}

async function tbfQdiscs(ctx: CheckContext): Promise<Tbf[]> {
  const shown = await ctx.sandbox.command(['tc', '-j', 'qdisc', 'show']);
  if (shown.exitCode !== 0) throw new Error(`tc -j qdisc show failed: ${shown.stderr.trim()}`);
  const qdiscs = JSON.parse(shown.stdout || '[]') as {
    kind?: string;
    dev?: string;
    handle?: string;
    options?: { rate?: number };
  }[];
  return qdiscs
    .filter((q) => q.kind === 'tbf' && typeof q.options?.rate === 'number')
    .map((q) => ({ id: `${q.dev} ${q.handle}`, rate: q.options?.rate ?? 0 }));
}

function added(before: readonly Tbf[], after: readonly Tbf[]): Tbf[] {
  const known = new Set(before.map((q) => q.id));
  return after.filter((q) => !known.has(q.id));
}

/**
 * The request config with only runtime limits: static limits in the config are dropped, since upstream bandwidth
 * 1.1.1 lets them win over runtimeConfig.bandwidth.
 */
function withLimits(ctx: CheckContext, bitsPerSecond: number) {
  const none = {
    ingressRate: undefined,
    ingressBurst: undefined,
    egressRate: undefined,
    egressBurst: undefined,
  };
  return ctx.config({ ...none, runtimeConfig: { bandwidth: limits(bitsPerSecond) } });
}

function limits(bitsPerSecond: number) {
  const burst = 100_000;
  return { ingressRate: bitsPerSecond, ingressBurst: burst, egressRate: bitsPerSecond, egressBurst: burst };
}

/** tc prints rates in bytes per second. */
const FIRST_BITS = 1_000_000;
const SECOND_BITS = 3_000_000;

function describeTbf(qdiscs: readonly Tbf[]): string {
  return qdiscs.map((q) => `${q.id} rate ${q.rate * 8} bit/s`).join(', ') || 'none';
}

check(
  'P-CAP-1',
  'two attachments with different bandwidth limits each get their own shaping',
  { versions: 'latest', roles: ['meta', 'main'] },
  async (ctx) => {
    requireCapability(ctx, 'bandwidth');
    const second = await ctx.sandbox.addContainer('bw-second');
    const initial = await tbfQdiscs(ctx);
    const firstAttachment = await attachOrFail(ctx, {
      config: withLimits(ctx, FIRST_BITS),
    });
    const afterFirst = await tbfQdiscs(ctx);
    const secondAttachment = await attachOrFail(ctx, {
      containerId: `${ctx.containerId}-2`,
      container: second,
      config: withLimits(ctx, SECOND_BITS),
    });
    const afterSecond = await tbfQdiscs(ctx);
    const firstShaping = added(initial, afterFirst);
    const secondShaping = added(afterFirst, afterSecond);
    const firstNow = afterSecond.filter((q) => firstShaping.some((f) => f.id === q.id));
    const wrong: string[] = [];
    if (firstShaping.length === 0) wrong.push('the first ADD added no tbf qdisc');
    if (secondShaping.length === 0) wrong.push('the second ADD added no tbf qdisc');
    if (secondShaping.some((q) => q.rate * 8 !== SECOND_BITS))
      wrong.push(`the second attachment (${SECOND_BITS} bit/s) got ${describeTbf(secondShaping)}`);
    if (firstNow.length !== firstShaping.length || firstNow.some((q) => q.rate * 8 !== FIRST_BITS))
      wrong.push(
        `after the second ADD the first attachment (${FIRST_BITS} bit/s) has ${describeTbf(firstNow)}`,
      );
    await detach(ctx, secondAttachment);
    await detach(ctx, firstAttachment);
    if (wrong.length > 0) throw new Error(wrong.join('; '));
  },
);
