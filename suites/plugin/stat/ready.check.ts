/**
 * P-STAT-1: STATUS exits 0 when the plugin can service ADD (P-STAT-*); with a healthy configuration it must.
 */
import { check } from '../../support/check.ts';
import { expectSuccess } from '../lib/verdicts.ts';

check(
  'P-STAT-1',
  'STATUS with a healthy configuration exits 0',
  { versions: 'latest', verbs: ['STATUS'] },
  async (ctx) => {
    expectSuccess(await ctx.call('STATUS'), 'STATUS');
  },
);
