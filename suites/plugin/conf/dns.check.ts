/**
 * P-CONF-4: well-known keys keep their meaning. A main plugin whose configuration carries `dns` reports it in
 * the result's `dns` (bridge copies it over whatever IPAM said, P-CONF-*, the reference plugins' behaviour).
 */
import { expect } from 'vitest';
import { targetPluginEntry } from '../../../src/target.ts';
import { check } from '../../support/check.ts';
import { attachOrFail, detach } from '../lib/attach.ts';

check(
  'P-CONF-4',
  'the configured `dns` is reported in the ADD result',
  { versions: 'latest', roles: ['main'] },
  async (ctx) => {
    const configured = targetPluginEntry(ctx.target).dns;
    if (typeof configured !== 'object' || configured === null) {
      return ctx.skip('plugin-capability-missing', 'the configuration has no `dns` key');
    }
    const attachment = await attachOrFail(ctx);
    const dns = (attachment.result as { dns?: unknown }).dns;
    expect(dns, 'result dns').toMatchObject(configured as object);
    await detach(ctx, attachment);
  },
);
