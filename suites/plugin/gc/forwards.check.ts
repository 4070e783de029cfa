/**
 * P-GC-4: a plugin that delegates forwards GC to its delegate with the same request (P-GC-*, P-DLG-*), or the
 * delegate's stale state is never collected.
 */
import { expect } from 'vitest';
import { check } from '../../support/check.ts';
import { spyEnv, spyOnIpam } from '../dlg/delegate.ts';
import { attachOrFail, detach } from '../lib/attach.ts';
import { gcConfig } from './attachments.ts';

check(
  'P-GC-4',
  'GC is forwarded to the IPAM delegate with the same request',
  { versions: 'latest', verbs: ['ADD', 'DEL', 'GC'], roles: ['main'] },
  async (ctx) => {
    const spy = await spyOnIpam(ctx);
    const env = spyEnv(spy);
    const attachment = await attachOrFail(ctx, { env });
    const gc = await ctx.call('GC', { config: gcConfig(ctx, [attachment], attachment.config), env });
    const call = (await spy.calls()).find((c) => c.verb === 'GC');
    expect(call, 'the delegate received GC').toBeDefined();
    expect(JSON.parse(call?.stdin ?? 'null'), 'delegate GC stdin').toEqual(
      JSON.parse(gc.request.stdin ?? ''),
    );
    await detach(ctx, attachment, { env });
  },
);
