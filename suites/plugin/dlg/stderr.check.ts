/**
 * P-DLG-4: what the delegate writes to stderr reaches the caller's stderr (P-DLG-*, P-ERR-4): that is where
 * an operator finds why IPAM failed.
 */
import { expect } from 'vitest';
import { check } from '../../support/check.ts';
import { attach, attachmentCall } from '../lib/attach.ts';
import { spyEnv, spyOnIpam } from './delegate.ts';

check(
  'P-DLG-4',
  'the IPAM delegate’s stderr appears on the caller’s stderr',
  { versions: 'latest', roles: ['main'] },
  async (ctx) => {
    const spy = await spyOnIpam(ctx);
    const env = spyEnv(spy);
    const attachment = await attach(ctx, { env });
    expect(attachment.add.outcome.stderr, 'caller stderr on ADD').toContain(spy.stderrMarker);
    await ctx.call('DEL', attachmentCall(attachment, { env }));
  },
);
