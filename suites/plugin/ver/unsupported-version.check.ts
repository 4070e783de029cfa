/**
 * P-VER-2: a configuration in a version the plugin does not support is refused with code 1 (P-VER-*), on ADD
 * and on DEL alike.
 */
import { check } from '../../support/check.ts';
import { expectErrorCode } from '../lib/verdicts.ts';

const UNRELEASED = '9.9.9';

check(
  'P-VER-2',
  `ADD and DEL with cniVersion ${UNRELEASED} fail with code 1 (incompatible version)`,
  { versions: 'none' },
  async (ctx) => {
    const config = ctx.config({ cniVersion: UNRELEASED });
    expectErrorCode(await ctx.call('ADD', { config }), 1, `ADD at ${UNRELEASED}`);
    expectErrorCode(await ctx.call('DEL', { config }), 1, `DEL at ${UNRELEASED}`);
  },
);
