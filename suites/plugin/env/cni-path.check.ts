/**
 * P-ENV-6: CNI_PATH is a ':'-separated list of directories searched for delegated plugins (P-ENV-*): with an
 * existing directory that lacks the IPAM delegate first, the delegate in the second is used; with the delegate in
 * none of them, ADD fails naming it.
 */
import { expect } from 'vitest';
import { check } from '../../support/check.ts';
import { attach, attachmentCall, describe as describeCall } from '../lib/attach.ts';
import { emptyCniDir } from '../lib/empty-cni-dir.ts';
import { ipamTypeOf } from '../lib/spy.ts';
import { expectFailure } from '../lib/verdicts.ts';

const ABSENT_IPAM = 'cnc-absent-ipam';

check(
  'P-ENV-6',
  'CNI_PATH is a list: the IPAM delegate is found in its second directory, and one in none of them fails ADD by name',
  { versions: 'latest', roles: ['main'] },
  async (ctx) => {
    const ipam = ctx.config().ipam as Record<string, unknown> | undefined;
    if (ipamTypeOf(ctx.config()) === undefined)
      return ctx.skip('plugin-capability-missing', 'the configuration names no ipam.type');
    const empty = await emptyCniDir(ctx);
    const env = { CNI_PATH: [empty, ...ctx.target.cniPath].join(':') };
    const attachment = await attach(ctx, { env });
    expect(
      attachment.add.kind,
      `ADD with CNI_PATH=${env.CNI_PATH} (the delegate only in a later directory): ${describeCall(attachment.add)}`,
    ).toBe('ok');
    await ctx.call('DEL', attachmentCall(attachment, { env }));

    const config = ctx.config({ ipam: { ...ipam, type: ABSENT_IPAM } });
    const absent = await ctx.call('ADD', { config, containerId: `${ctx.containerId}-absent` });
    expectFailure(absent, `ADD with ipam.type ${ABSENT_IPAM}, in no CNI_PATH directory`);
    expect(
      absent.outcome.stdout + absent.outcome.stderr,
      'the failure names the delegate it could not find',
    ).toContain(ABSENT_IPAM);
    await ctx.call('DEL', { config, containerId: `${ctx.containerId}-absent` });
  },
);
