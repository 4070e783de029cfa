/**
 * P-GC-1: GC takes the config plus `cni.dev/valid-attachments`, with only CNI_COMMAND and CNI_PATH set, and
 * succeeds with exit 0 and no output (notes §2.9).
 */
import { expect } from 'vitest';
import { check } from '../../support/check.ts';
import { attachOrFail, detach } from '../lib/attach.ts';
import { expectSuccess } from '../lib/verdicts.ts';
import { gcConfig } from './attachments.ts';

check(
  'P-GC-1',
  'GC with a valid-attachments list exits 0 and prints nothing',
  { versions: 'latest', verbs: ['ADD', 'DEL', 'GC'] },
  async (ctx) => {
    const attachment = await attachOrFail(ctx);
    const gc = await ctx.call('GC', { config: gcConfig(ctx, [attachment], attachment.config) });
    expectSuccess(gc, 'GC');
    expect(gc.outcome.stdout.trim(), 'GC stdout').toBe('');
    await detach(ctx, attachment);
  },
);
