/**
 * P-STAT-1 / P-STAT-4: a plugin whose IPAM cannot run cannot service ADD, so STATUS fails with error JSON;
 * a delegate's STATUS failure (here code 50, not available) is the caller's (P-STAT-*).
 */
import { expect } from 'vitest';
import { check } from '../../support/check.ts';
import { spyEnv, spyOnIpam } from '../dlg/delegate.ts';
import { ipamTypeOf } from '../lib/spy.ts';
import { expectFailure, stdoutError } from '../lib/verdicts.ts';

check(
  'P-STAT-1',
  'STATUS fails when the IPAM delegate is not on CNI_PATH',
  { versions: 'latest', verbs: ['STATUS'], roles: ['main'] },
  async (ctx) => {
    const ipam = ctx.config().ipam as Record<string, unknown> | undefined;
    if (ipamTypeOf(ctx.config()) === undefined) return ctx.skip('plugin-capability-missing', 'no ipam.type');
    const config = ctx.config({ ipam: { ...ipam, type: 'cnc-no-such-ipam' } });
    const status = await ctx.call('STATUS', { config });
    expectFailure(status, 'STATUS with a missing IPAM plugin');
    expect(stdoutError(status), 'error JSON on stdout').toBeDefined();
  },
);

check(
  'P-STAT-4',
  'STATUS is forwarded to the IPAM delegate and its failure makes STATUS fail',
  { versions: 'latest', verbs: ['STATUS'], roles: ['main'] },
  async (ctx) => {
    const spy = await spyOnIpam(ctx);
    await spy.failOn('STATUS', 50);
    const status = await ctx.call('STATUS', { env: spyEnv(spy) });
    expect(
      (await spy.calls()).map((c) => c.verb),
      'verbs the delegate received',
    ).toContain('STATUS');
    expectFailure(status, 'STATUS with a delegate answering 50');
  },
);
