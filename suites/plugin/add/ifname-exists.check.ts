/**
 * P-ADD-3: an interface-creating plugin must fail ADD when CNI_IFNAME already exists in the container (spec 1.0.0,
 * P-ADD-*). Applies to plugins that create the CNI_IFNAME interface: a first ADD tells (loopback, which always
 * works on `lo`, is skipped).
 */
import { expect } from 'vitest';
import { check } from '../../support/check.ts';
import type { CheckContext } from '../../support/context.ts';
import { attachOrFail, detach } from '../lib/attach.ts';
import { inspectLink } from '../lib/kernel.ts';
import { expectFailure } from '../lib/verdicts.ts';

/** Skips unless an ADD really creates CNI_IFNAME in the container. */
async function requireCreatesIfname(ctx: CheckContext): Promise<void> {
  const probe = await attachOrFail(ctx, { containerId: `${ctx.containerId}-probe` });
  const created = await inspectLink(ctx.sandbox, ctx.ifname, ctx.container.name);
  await detach(ctx, probe);
  if (!created)
    return ctx.skip('plugin-capability-missing', `ADD does not create CNI_IFNAME (${ctx.ifname})`);
}

check(
  'P-ADD-3',
  'ADD fails when an interface named CNI_IFNAME already exists in the container',
  { versions: 'latest', roles: ['main'] },
  async (ctx) => {
    await requireCreatesIfname(ctx);
    // A veth pair, not a dummy: some kernels (this CI's) have no dummy driver.
    const made = await ctx.sandbox.command(
      ['ip', 'link', 'add', ctx.ifname, 'type', 'veth', 'peer', 'name', `${ctx.ifname}-peer`],
      { container: ctx.container.name },
    );
    if (made.exitCode !== 0) return ctx.skip('kernel-feature-missing', `veth links: ${made.stderr.trim()}`);
    const before = await inspectLink(ctx.sandbox, ctx.ifname, ctx.container.name);
    const add = await ctx.call('ADD');
    const after = await inspectLink(ctx.sandbox, ctx.ifname, ctx.container.name);
    expectFailure(add, `ADD with a pre-existing ${ctx.ifname}`);
    expect(after?.ifindex, 'the pre-existing interface is left alone').toBe(before?.ifindex);
  },
);
