/**
 * P-DLG-3: a delegate's failure is the caller's failure, on ADD, CHECK and DEL (P-DLG-*): a caller that
 * swallows an IPAM error reports success for an attachment without an address, or a release that never happened.
 */
import { check } from '../../support/check.ts';
import { attachmentCall, attachOrFail } from '../lib/attach.ts';
import { expectFailure } from '../lib/verdicts.ts';
import { spyEnv, spyOnIpam } from './delegate.ts';

check(
  'P-DLG-3',
  'a failing IPAM delegate makes ADD, CHECK and DEL fail',
  { versions: 'latest', verbs: ['ADD', 'CHECK', 'DEL'], roles: ['main'] },
  async (ctx) => {
    const spy = await spyOnIpam(ctx);
    const env = spyEnv(spy);
    const attachment = await attachOrFail(ctx, { env });
    await spy.failOn('CHECK');
    expectFailure(
      await ctx.call('CHECK', attachmentCall(attachment, { env })),
      'CHECK with a failing delegate',
    );
    await spy.failOn('DEL');
    expectFailure(await ctx.call('DEL', attachmentCall(attachment, { env })), 'DEL with a failing delegate');
    await spy.failOn('ADD');
    const second = await ctx.call('ADD', { env, containerId: `${ctx.containerId}-2`, ifname: 'net2' });
    expectFailure(second, 'ADD with a failing delegate');
  },
);
