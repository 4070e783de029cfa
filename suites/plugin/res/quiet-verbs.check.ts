/**
 * P-RES-6 (IMPL): DEL and CHECK print nothing on success (the spec gives them no output; libcni ignores it).
 */
import { expect } from 'vitest';
import { check } from '../../support/check.ts';
import { attachmentCall, attachOrFail } from '../lib/attach.ts';
import { expectSuccess } from '../lib/verdicts.ts';

check(
  'P-RES-6',
  'successful CHECK and DEL print nothing on stdout',
  { versions: 'latest', verbs: ['ADD', 'DEL', 'CHECK'] },
  async (ctx) => {
    const attachment = await attachOrFail(ctx);
    const checked = await ctx.call('CHECK', attachmentCall(attachment));
    // Whether CHECK passes is P-CHK-1's business; here only a successful CHECK's output is judged.
    if (checked.kind === 'ok') expect(checked.outcome.stdout.trim(), 'CHECK stdout').toBe('');
    const deleted = await ctx.call('DEL', attachmentCall(attachment));
    expectSuccess(deleted, 'DEL');
    expect(deleted.outcome.stdout.trim(), 'DEL stdout').toBe('');
  },
);
