/**
 * P-VCMD-3 for IPAM plugins (the VCMD suite covers main and meta plugins): every advertised version must work for
 * ADD, CHECK (0.4.0+) and DEL when called as a delegate with the full configuration.
 */
import { verbAllowed } from '../../../src/spec/versions.ts';
import { check } from '../../support/check.ts';
import { attachmentCall, attachOrFail } from '../lib/attach.ts';
import { expectSuccess } from '../lib/verdicts.ts';

check(
  'P-VCMD-3',
  'every advertised version works for delegated ADD, CHECK (0.4.0+) and DEL',
  { versions: 'all-advertised', roles: ['ipam'] },
  async (ctx) => {
    const attachment = await attachOrFail(ctx);
    if (verbAllowed('CHECK', ctx.version)) {
      expectSuccess(await ctx.call('CHECK', attachmentCall(attachment)), `CHECK at ${ctx.version}`);
    }
    expectSuccess(await ctx.call('DEL', attachmentCall(attachment)), `DEL at ${ctx.version}`);
  },
);
