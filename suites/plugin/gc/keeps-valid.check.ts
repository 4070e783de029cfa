/**
 * P-GC-6: GC must not break the attachments it was told are valid: CHECK still passes and DEL still succeeds
 * afterwards (P-GC-*).
 */
import { check } from '../../support/check.ts';
import { attachmentCall, attachOrFail } from '../lib/attach.ts';
import { expectSuccess } from '../lib/verdicts.ts';
import { gcConfig } from './attachments.ts';

check(
  'P-GC-6',
  'after GC, a valid attachment still passes CHECK and DEL',
  { versions: 'latest', verbs: ['ADD', 'CHECK', 'DEL', 'GC'] },
  async (ctx) => {
    const attachment = await attachOrFail(ctx);
    await ctx.call('GC', { config: gcConfig(ctx, [attachment], attachment.config) });
    expectSuccess(await ctx.call('CHECK', attachmentCall(attachment)), 'CHECK after GC');
    expectSuccess(await ctx.call('DEL', attachmentCall(attachment)), 'DEL after GC');
  },
);
