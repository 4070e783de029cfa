/**
 * P-ENV-4: CNI_IFNAME is the name of the interface the plugin creates in the container (P-ENV-*). Judged by
 * difference: the links ADD adds to the container namespace must include one called CNI_IFNAME. A plugin that adds
 * no link (loopback, the documented exception, only brings `lo` up) has nothing to name and is skipped.
 */
import { expect } from 'vitest';
import { check } from '../../support/check.ts';
import { attachOrFail, detach } from '../lib/attach.ts';
import { inspectLinks } from '../lib/kernel.ts';

/** Not the default `eth0`, so a plugin that hard-codes the usual name shows. */
const IFNAME = 'net7';

check(
  'P-ENV-4',
  'ADD creates the container interface under the name CNI_IFNAME',
  { versions: 'latest', roles: ['main'] },
  async (ctx) => {
    const before = new Set((await inspectLinks(ctx.sandbox, ctx.container.name)).map((l) => l.name));
    const attachment = await attachOrFail(ctx, { ifname: IFNAME });
    const after = (await inspectLinks(ctx.sandbox, ctx.container.name)).map((l) => l.name);
    const added = after.filter((name) => !before.has(name));
    if (added.length === 0) {
      await detach(ctx, attachment);
      return ctx.skip('plugin-capability-missing', 'ADD created no interface in the container to name');
    }
    expect(added, `links ADD created in the container with CNI_IFNAME=${IFNAME}`).toContain(IFNAME);
    await detach(ctx, attachment);
  },
);
