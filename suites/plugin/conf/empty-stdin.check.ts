/**
 * P-CONF-1: every verb but VERSION reads one JSON configuration from stdin. A plugin that gets nothing must fail,
 * not invent a configuration (P-CONF-*); the exact code (6, decode failure) is the reference behaviour.
 */
import { expect } from 'vitest';
import { check } from '../../support/check.ts';
import { expectErrorCode, expectFailure } from '../lib/verdicts.ts';

check(
  'P-CONF-1',
  'ADD with empty stdin fails instead of guessing a configuration',
  { versions: 'latest' },
  async (ctx) => {
    const invocation = await ctx.call('ADD', { stdin: '' });
    expectFailure(invocation, 'ADD with empty stdin');
    expect(invocation.outcome.signal, 'killed by a signal').toBeNull();
  },
);

check(
  'P-CONF-2',
  'ADD with empty stdin fails with code 6 (decode failure)',
  { versions: 'latest' },
  async (ctx) => {
    expectErrorCode(await ctx.call('ADD', { stdin: '' }), 6, 'ADD with empty stdin');
  },
);
