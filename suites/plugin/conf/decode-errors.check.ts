/**
 * P-CONF-2 (IMPL): how configuration errors are reported — invalid JSON is code 6, a missing network name code 7,
 * a name outside the charset code 7 (P-CONF-*, pkg/skel). Checks run before version handling, so any version.
 */
import { check } from '../../support/check.ts';
import { expectErrorCode } from '../lib/verdicts.ts';

check(
  'P-CONF-2',
  'a configuration that is not JSON is rejected with code 6',
  { versions: 'latest' },
  async (ctx) => {
    const truncated = JSON.stringify(ctx.config()).slice(0, -7);
    expectErrorCode(await ctx.call('ADD', { stdin: truncated }), 6, 'ADD with truncated JSON');
  },
);

check(
  'P-CONF-2',
  'a configuration without a network name is rejected with code 7',
  { versions: 'latest' },
  async (ctx) => {
    expectErrorCode(
      await ctx.call('ADD', { config: ctx.config({ name: undefined }) }),
      7,
      'ADD without "name"',
    );
  },
);

check(
  ['P-CONF-2', 'P-ID-4'],
  'a network name outside [a-zA-Z0-9][a-zA-Z0-9_.-]* is rejected with code 7',
  { versions: 'latest' },
  async (ctx) => {
    for (const name of ['bad name', '-leading-dash', 'slash/name']) {
      expectErrorCode(
        await ctx.call('ADD', { config: ctx.config({ name }) }),
        7,
        `ADD with name ${JSON.stringify(name)}`,
      );
    }
  },
);
