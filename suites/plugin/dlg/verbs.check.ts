/**
 * P-DLG-3 / P-CHK-6: the caller invokes its delegate on CHECK and DEL too (notes §2.13, §2.8): DEL releases the
 * address, CHECK verifies the reservation.
 */
import { expect } from 'vitest';
import { check } from '../../support/check.ts';
import { attachmentCall, attachOrFail } from '../lib/attach.ts';
import { spyEnv, spyOnIpam } from './delegate.ts';

check(
  ['P-DLG-3', 'P-CHK-6'],
  'CHECK and DEL are forwarded to the IPAM delegate',
  { versions: 'latest', verbs: ['ADD', 'CHECK', 'DEL'], roles: ['main'] },
  async (ctx) => {
    const spy = await spyOnIpam(ctx);
    const env = spyEnv(spy);
    const attachment = await attachOrFail(ctx, { env });
    await ctx.call('CHECK', attachmentCall(attachment, { env }));
    await ctx.call('DEL', attachmentCall(attachment, { env }));
    const verbs = (await spy.calls()).map((c) => c.verb);
    expect(verbs, 'verbs the delegate received').toContain('CHECK');
    expect(verbs, 'verbs the delegate received').toContain('DEL');
  },
);
