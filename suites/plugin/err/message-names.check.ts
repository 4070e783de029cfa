/**
 * P-ERR-3: a code-4 error names the offending variables in its message (P-ERR-*); an operator reading a
 * kubelet event must see which one.
 */
import { expect } from 'vitest';
import { check } from '../../support/check.ts';
import { describe as describeCall } from '../lib/attach.ts';
import { stdoutError } from '../lib/verdicts.ts';

check(
  'P-ERR-3',
  'a code 4 error for missing variables names each of them',
  { versions: 'latest' },
  async (ctx) => {
    const missing = ['CNI_CONTAINERID', 'CNI_IFNAME'];
    const invocation = await ctx.call('ADD', {
      env: Object.fromEntries(missing.map((name) => [name, undefined])),
    });
    const error = stdoutError(invocation);
    if (error?.code !== 4)
      return ctx.skip('plugin-capability-missing', `no code 4 error (${describeCall(invocation)})`);
    const text = `${error.msg} ${error.details ?? ''}`;
    for (const name of missing) expect(text, `code 4 message names ${name}`).toContain(name);
  },
);
