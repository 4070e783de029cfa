/**
 * P-VCMD-3 for IPAM plugins (the VCMD suite covers main and meta plugins): every advertised version must work for
 * ADD, CHECK (0.4.0+) and DEL when called as a delegate with the full configuration.
 */
import { verbAllowed } from '../../../src/spec/versions.ts';
import { check } from '../../support/check.ts';
import { attach, attachmentCall } from '../lib/attach.ts';
import { expectSuccess } from '../lib/verdicts.ts';

check(
  'P-VCMD-3',
  'every advertised version works for delegated ADD, CHECK (0.4.0+) and DEL',
  { versions: 'all-advertised', roles: ['ipam'] },
  async (ctx) => {
    // The ADD at this version is what is judged here, not a precondition.
    const attachment = await attach(ctx);
    expectSuccess(attachment.add, `ADD at advertised version ${ctx.version}`);
    if (verbAllowed('CHECK', ctx.version)) {
      expectSuccess(await ctx.call('CHECK', attachmentCall(attachment)), `CHECK at ${ctx.version}`);
    }
    expectSuccess(await ctx.call('DEL', attachmentCall(attachment)), `DEL at ${ctx.version}`);
  },
);
