/**
 * P-GC-1: GC takes the config plus `cni.dev/valid-attachments`, with only CNI_COMMAND and CNI_PATH set, and
 * succeeds with exit 0 (P-GC-*). Output on a successful GC is judged as for CHECK and DEL (P-RES-6, IMPL:
 * libcni ignores it), so one rule decides about stdout on success whatever the verb.
 */
import { expect } from 'vitest';
import { check } from '../../support/check.ts';
import { attachOrFail, detach } from '../lib/attach.ts';
import { expectSuccess } from '../lib/verdicts.ts';
import { gcConfig } from './attachments.ts';

check(
  'P-GC-1',
  'GC with a valid-attachments list exits 0',
  { versions: 'latest', verbs: ['ADD', 'DEL', 'GC'] },
  async (ctx) => {
    const attachment = await attachOrFail(ctx);
    const gc = await ctx.call('GC', { config: gcConfig(ctx, [attachment], attachment.config) });
    expectSuccess(gc, 'GC');
    await detach(ctx, attachment);
  },
);

check(
  'P-RES-6',
  'a successful GC prints nothing on stdout',
  { versions: 'latest', verbs: ['ADD', 'DEL', 'GC'] },
  async (ctx) => {
    const attachment = await attachOrFail(ctx);
    const gc = await ctx.call('GC', { config: gcConfig(ctx, [attachment], attachment.config) });
    // Whether GC succeeds is the P-GC-1 check's business; here only a successful GC's output is judged.
    if (gc.kind === 'ok') expect(gc.outcome.stdout.trim(), 'GC stdout').toBe('');
    await detach(ctx, attachment);
  },
);
