/**
 * P-DEL-4: CNI_NETNS is optional on DEL; DEL with it empty or unset succeeds and still releases IPAM (P-ENV-*,
 * P-DEL-*; k8snetworkplumbingwg/ovs-cni#106 panicked on it).
 */
import { check } from '../../support/check.ts';
import type { CheckContext } from '../../support/context.ts';
import { attachmentCall, attachOrFail, detach } from '../lib/attach.ts';
import {
  expectReleased,
  hasIpam,
  type ReleaseProbe,
  skipUnobserved,
  startReleaseProbe,
  stateAddedBy,
} from '../lib/ipam-release.ts';
import { expectSuccess } from '../lib/verdicts.ts';

async function delWithNetns(
  ctx: CheckContext,
  ipam: boolean,
  probe: ReleaseProbe | undefined,
  netns: string | undefined,
  label: string,
): Promise<boolean> {
  const ifname = label === 'empty' ? 'eth0' : 'net1';
  const attachment = await attachOrFail(ctx, { containerId: `${ctx.containerId}-${label}`, ifname });
  const owned = probe ? await stateAddedBy(ctx, probe, attachment) : undefined;
  const env = { CNI_NETNS: netns };
  expectSuccess(await ctx.call('DEL', attachmentCall(attachment, { env })), `DEL with CNI_NETNS ${label}`);
  const observed =
    !ipam || (await expectReleased(ctx, probe, owned, attachment, `after DEL with CNI_NETNS ${label}`));
  // The container side is still there (DEL could not reach it): remove it, and a meta plugin's chain, properly.
  await detach(ctx, attachment);
  return observed;
}

check(
  'P-DEL-4',
  'DEL with CNI_NETNS empty or unset succeeds and releases IPAM',
  { versions: 'latest' },
  async (ctx) => {
    const ipam = hasIpam(ctx.config());
    const probe = ipam ? await startReleaseProbe(ctx) : undefined;
    const empty = await delWithNetns(ctx, ipam, probe, '', 'empty');
    const unset = await delWithNetns(ctx, ipam, probe, undefined, 'unset');
    if (!empty || !unset) skipUnobserved(ctx, 'after DEL with CNI_NETNS empty or unset');
  },
);
