/**
 * P-ADD-4 (IMPL for plugins): a second ADD for the same (container ID, ifname) without a DEL is a runtime error;
 * the reference plugins refuse it (bridge: ifname exists; host-local: duplicate allocation) and leave the first
 * attachment as it was (P-ADD-*).
 */
import { expect } from 'vitest';
import { check } from '../../support/check.ts';
import { attachOrFail, detach } from '../lib/attach.ts';
import { viewResult } from '../lib/result-view.ts';
import { expectFailure } from '../lib/verdicts.ts';

check(
  'P-ADD-4',
  'a repeated ADD for the same container ID and ifname fails and leaves the first attachment intact',
  { versions: 'latest', roles: ['main', 'ipam'] },
  async (ctx) => {
    const first = await attachOrFail(ctx);
    const made = viewResult(first.result).interfaces.some((i) => i.name === first.ifname && i.sandbox);
    if (ctx.target.role === 'main' && !made) {
      // Nothing per attachment to collide with (loopback always configures `lo`): a repeat may succeed.
      return ctx.skip('plugin-capability-missing', `ADD does not create ${first.ifname}`);
    }
    const again = await ctx.call('ADD', { config: first.config });
    expectFailure(again, 'second ADD for the same attachment');
    for (const ip of viewResult(first.result).ips) {
      if (ctx.target.role === 'ipam') break;
      const shown = await ctx.sandbox.command(['ip', 'addr', 'show', 'to', ip.address.split('/')[0] ?? ''], {
        container: ctx.container.name,
      });
      expect(shown.stdout, `address ${ip.address} of the first ADD is still configured`).not.toBe('');
    }
    await detach(ctx, first);
  },
);
