/**
 * P-DLG-1: the delegate is found by searching every CNI_PATH directory in order, not a fixed location
 * (P-DLG-*): with a directory lacking the delegate first, the delegate in a later directory is used.
 */
import { expect } from 'vitest';
import { check } from '../../support/check.ts';
import { attach, attachmentCall, describe as describeCall } from '../lib/attach.ts';
import { spyOnIpam } from './delegate.ts';

check(
  'P-DLG-1',
  'the IPAM delegate is found in a later CNI_PATH directory',
  { versions: 'latest', roles: ['main'] },
  async (ctx) => {
    const spy = await spyOnIpam(ctx);
    const env = { CNI_PATH: `/nonexistent-cni-dir:${spy.cniPath}` };
    const attachment = await attach(ctx, { env });
    expect(
      attachment.add.kind,
      `ADD with the delegate in the 2nd CNI_PATH entry: ${describeCall(attachment.add)}`,
    ).toBe('ok');
    expect(
      (await spy.calls()).map((c) => c.verb),
      'calls the delegate in CNI_PATH received',
    ).toContain('ADD');
    await ctx.call('DEL', attachmentCall(attachment, { env }));
  },
);
