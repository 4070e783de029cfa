/**
 * P-DEL-5: DEL succeeds without `prevResult` (a runtime that lost its cache; P-DEL-*,
 * containernetworking/plugins#390).
 */
import { check } from '../../support/check.ts';
import { attachmentCall, attachOrFail } from '../lib/attach.ts';
import { expectSuccess } from '../lib/verdicts.ts';

check('P-DEL-5', 'DEL without prevResult succeeds', { versions: 'latest' }, async (ctx) => {
  const attachment = await attachOrFail(ctx);
  expectSuccess(
    await ctx.call('DEL', attachmentCall(attachment, { withPrevResult: false })),
    'DEL without prevResult',
  );
  await ctx.call('DEL', attachmentCall(attachment));
});
