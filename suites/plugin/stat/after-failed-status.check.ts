/**
 * P-STAT-3: a plugin must not depend on STATUS and keeps serving ADD and DEL after a failed STATUS (P-STAT-*;
 * cilium#22067: DEL failed while the agent was unavailable). STATUS is made to fail by leaving the IPAM delegate
 * off CNI_PATH for that one call; ADD and DEL then run with the normal CNI_PATH.
 */
import { check } from '../../support/check.ts';
import { attach, attachmentCall, describe as describeCall } from '../lib/attach.ts';
import { emptyCniDir } from '../lib/empty-cni-dir.ts';
import { ipamTypeOf } from '../lib/spy.ts';
import { expectSuccess } from '../lib/verdicts.ts';

check(
  'P-STAT-3',
  'after a failed STATUS, ADD and DEL still work',
  { versions: 'latest', verbs: ['STATUS', 'ADD', 'DEL'], roles: ['main'] },
  async (ctx) => {
    if (ipamTypeOf(ctx.config()) === undefined)
      return ctx.skip('plugin-capability-missing', 'no ipam.type whose absence would make STATUS fail');
    const empty = await emptyCniDir(ctx);
    const status = await ctx.call('STATUS', { env: { CNI_PATH: empty } });
    if (status.kind === 'ok')
      return ctx.skip(
        'plugin-capability-missing',
        'STATUS succeeded without its IPAM delegate on CNI_PATH, so no failed STATUS to recover from (see P-STAT-1)',
      );
    const attachment = await attach(ctx);
    if (attachment.add.kind !== 'ok')
      throw new Error(`ADD after a failed STATUS (${describeCall(status)}): ${describeCall(attachment.add)}`);
    expectSuccess(await ctx.call('DEL', attachmentCall(attachment)), 'DEL after a failed STATUS');
  },
);
