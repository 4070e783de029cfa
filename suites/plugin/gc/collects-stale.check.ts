/**
 * P-GC-2: GC releases what belongs to attachments NOT in the valid list and keeps the others' (P-GC-*).
 * Judged on host-local leases, the state the harness can read.
 */
import { expect } from 'vitest';
import { check } from '../../support/check.ts';
import { attachOrFail, detach } from '../lib/attach.ts';
import { hostLocalLeaseDir, reservationsOf } from '../lib/ipam-store.ts';
import { gcConfig } from './attachments.ts';

check(
  'P-GC-2',
  'GC releases the reservations of attachments missing from the valid list and keeps the listed ones',
  { versions: 'latest', verbs: ['ADD', 'DEL', 'GC'], roles: ['main', 'ipam'] },
  async (ctx) => {
    const dir = hostLocalLeaseDir(ctx.config());
    if (dir === undefined) return ctx.skip('plugin-capability-missing', 'IPAM state is not host-local');
    const kept = await attachOrFail(ctx);
    const stale = await attachOrFail(ctx, { containerId: `${ctx.containerId}-stale`, ifname: 'net9' });
    await ctx.call('GC', { config: gcConfig(ctx, [kept], kept.config) });
    const staleLeft = await reservationsOf(ctx, dir, stale.containerId, stale.ifname);
    expect(
      staleLeft.map((r) => r.ip),
      'leases of the attachment GC was not told about',
    ).toEqual([]);
    const keptLeft = await reservationsOf(ctx, dir, kept.containerId, kept.ifname);
    expect(keptLeft.length, 'leases of the valid attachment').toBeGreaterThan(0);
    await detach(ctx, kept);
  },
);
