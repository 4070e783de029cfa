/**
 * P-DEL-2: DEL may be repeated; every repeat succeeds (spec 1.0.0, P-DEL-*). Runtimes retry DELs.
 */
import { check } from '../../support/check.ts';
import { attachmentCall, attachOrFail } from '../lib/attach.ts';
import { expectSuccess } from '../lib/verdicts.ts';

check(
  'P-DEL-2',
  'a second and third DEL of the same attachment succeed',
  { versions: 'latest' },
  async (ctx) => {
    const attachment = await attachOrFail(ctx);
    expectSuccess(await ctx.call('DEL', attachmentCall(attachment)), 'first DEL');
    expectSuccess(await ctx.call('DEL', attachmentCall(attachment)), 'second DEL');
    expectSuccess(await ctx.call('DEL', attachmentCall(attachment)), 'third DEL');
  },
);
