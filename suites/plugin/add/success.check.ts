/**
 * P-ADD-1: a successful ADD exits 0 and prints its result, a JSON object with `cniVersion`, on stdout (P-ADD-*).
 */
import { expect } from 'vitest';
import { check } from '../../support/check.ts';
import { attach, describe as describeCall, detach } from '../lib/attach.ts';

check(
  'P-ADD-1',
  'a successful ADD exits 0 and prints a JSON result on stdout',
  { versions: 'latest' },
  async (ctx) => {
    const attachment = await attach(ctx);
    expect(attachment.add.kind, `ADD: ${describeCall(attachment.add)}`).toBe('ok');
    const result = attachment.result;
    expect(
      typeof result === 'object' && result !== null && !Array.isArray(result),
      'stdout is a JSON object',
    ).toBe(true);
    expect((result as { cniVersion?: unknown }).cniVersion, 'result cniVersion').toBe(ctx.version);
    await detach(ctx, attachment);
  },
);
