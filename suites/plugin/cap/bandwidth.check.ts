/**
 * P-CAP-1: `runtimeConfig.bandwidth` (CONVENTIONS.md) shapes the attachment's traffic: a tbf qdisc appears on a
 * host-side link of the attachment (P-CAP-*). Read with `tc -j qdisc` in the sandbox host.
 */
import { expect } from 'vitest';
import { check } from '../../support/check.ts';
import { attachOrFail, detach } from '../lib/attach.ts';
import { requireCapability } from './declared.ts';

check(
  'P-CAP-1',
  'runtimeConfig.bandwidth installs a rate limit on the host side',
  { versions: 'latest', roles: ['meta', 'main'] },
  async (ctx) => {
    requireCapability(ctx, 'bandwidth');
    const before = await ctx.sandbox.command(['tc', 'qdisc', 'show']);
    const bandwidth = {
      ingressRate: 1_000_000,
      ingressBurst: 100_000,
      egressRate: 1_000_000,
      egressBurst: 100_000,
    };
    const attachment = await attachOrFail(ctx, { config: ctx.config({ runtimeConfig: { bandwidth } }) });
    const after = await ctx.sandbox.command(['tc', 'qdisc', 'show']);
    const added = after.stdout
      .split('\n')
      .filter((line) => !before.stdout.includes(line) && /\btbf\b/.test(line));
    expect(added, `tbf qdiscs added by ADD (tc qdisc show:\n${after.stdout})`).not.toEqual([]);
    await detach(ctx, attachment);
  },
);
