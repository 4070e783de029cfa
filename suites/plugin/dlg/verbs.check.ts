/**
 * P-DLG-3 / P-CHK-6: the caller invokes its delegate on CHECK and DEL too (P-DLG-*, P-CHK-*): DEL releases the
 * address, CHECK verifies the reservation. Each verb must reach the delegate during that very call: a plugin
 * that, say, releases on ADD's rollback path but not on DEL, or deletes host-local's files itself instead of
 * asking the delegate, leaks with every other IPAM type.
 */
import { expect } from 'vitest';
import { check } from '../../support/check.ts';
import type { CallOptions, CheckContext } from '../../support/context.ts';
import { attachmentCall, attachOrFail, describe as describeCall } from '../lib/attach.ts';
import type { Spy } from '../lib/spy.ts';
import { spyEnv, spyOnIpam } from './delegate.ts';

/** Runs `verb` and returns the verbs the delegate received while it ran, with a one-line account of the call. */
async function delegatedDuring(ctx: CheckContext, spy: Spy, verb: 'CHECK' | 'DEL', options: CallOptions) {
  const before = (await spy.calls()).length;
  const invocation = await ctx.call(verb, options);
  const verbs = (await spy.calls()).slice(before).map((c) => c.verb);
  return { verbs, account: describeCall(invocation) };
}

check(
  ['P-DLG-3', 'P-CHK-6'],
  'CHECK and DEL are forwarded to the IPAM delegate',
  { versions: 'latest', verbs: ['ADD', 'CHECK', 'DEL'], roles: ['main'] },
  async (ctx) => {
    const spy = await spyOnIpam(ctx);
    const env = spyEnv(spy);
    const attachment = await attachOrFail(ctx, { env });
    const checked = await delegatedDuring(ctx, spy, 'CHECK', attachmentCall(attachment, { env }));
    const deleted = await delegatedDuring(ctx, spy, 'DEL', attachmentCall(attachment, { env }));
    expect(checked.verbs, `verbs the delegate received during CHECK (${checked.account})`).toContain('CHECK');
    expect(deleted.verbs, `verbs the delegate received during DEL (${deleted.account})`).toContain('DEL');
  },
);
