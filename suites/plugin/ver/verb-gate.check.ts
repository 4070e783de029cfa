/**
 * P-VER-4 (IMPL): CHECK does not exist before 0.4.0; a CHECK whose configuration is older is refused with code 1
 * ("config version does not allow CHECK", P-VER-*).
 */
import { check } from '../../support/check.ts';
import { expectErrorCode } from '../lib/verdicts.ts';

check(
  'P-VER-4',
  'CHECK with a configuration older than 0.4.0 fails with code 1',
  { versions: ['0.3.1', '0.3.0'], verbs: ['ADD'] },
  async (ctx) => {
    expectErrorCode(await ctx.call('CHECK'), 1, `CHECK at ${ctx.version}`);
  },
);
