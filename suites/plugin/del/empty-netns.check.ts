/**
 * P-DEL-4: CNI_NETNS is optional on DEL; DEL with it empty or unset succeeds and still releases IPAM (notes §2.1,
 * §2.7; k8snetworkplumbingwg/ovs-cni#106 panicked on it).
 */
import { expect } from 'vitest';
import { check } from '../../support/check.ts';
import type { CheckContext } from '../../support/context.ts';
import { attachmentCall, attachOrFail, detach } from '../lib/attach.ts';
import { hostLocalLeaseDir, reservationsOf } from '../lib/ipam-store.ts';
import { expectSuccess } from '../lib/verdicts.ts';

async function delWithNetns(ctx: CheckContext, netns: string | undefined, label: string): Promise<void> {
  const ifname = label === 'empty' ? 'eth0' : 'net1';
  const attachment = await attachOrFail(ctx, { containerId: `${ctx.containerId}-${label}`, ifname });
  const env = { CNI_NETNS: netns };
  expectSuccess(await ctx.call('DEL', attachmentCall(attachment, { env })), `DEL with CNI_NETNS ${label}`);
  const leases = hostLocalLeaseDir(attachment.config);
  if (leases !== undefined) {
    const left = await reservationsOf(ctx, leases, attachment.containerId, attachment.ifname);
    expect(
      left.map((r) => r.ip),
      `host-local reservations left after DEL with CNI_NETNS ${label}`,
    ).toEqual([]);
  }
  // The container side is still there (DEL could not reach it): remove it, and a meta plugin's chain, properly.
  await detach(ctx, attachment);
}

check(
  'P-DEL-4',
  'DEL with CNI_NETNS empty or unset succeeds and releases IPAM',
  { versions: 'latest' },
  async (ctx) => {
    await delWithNetns(ctx, '', 'empty');
    await delWithNetns(ctx, undefined, 'unset');
  },
);
