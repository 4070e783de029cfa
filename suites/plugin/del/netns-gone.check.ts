/**
 * P-DEL-4: DEL succeeds when the container's netns is already gone, and still releases the IPAM reservation
 * (notes §2.7; cilium/cilium#40843).
 */
import { expect } from 'vitest';
import { check } from '../../support/check.ts';
import { attachmentCall, attachOrFail } from '../lib/attach.ts';
import { hostLocalLeaseDir, reservationsOf } from '../lib/ipam-store.ts';
import { expectSuccess } from '../lib/verdicts.ts';

check(
  'P-DEL-4',
  'DEL succeeds after the netns was removed and releases the IP reservation',
  { versions: 'latest' },
  async (ctx) => {
    const doomed = await ctx.sandbox.addContainer();
    const attachment = await attachOrFail(ctx, { container: doomed });
    await ctx.sandbox.removeContainer(doomed.name);
    expectSuccess(
      await ctx.call('DEL', attachmentCall(attachment)),
      `DEL with CNI_NETNS=${doomed.netnsPath} gone`,
    );
    const leases = hostLocalLeaseDir(attachment.config);
    if (leases === undefined) return;
    const left = await reservationsOf(ctx, leases, attachment.containerId, attachment.ifname);
    expect(
      left.map((r) => r.ip),
      'host-local reservations left after DEL',
    ).toEqual([]);
  },
);
