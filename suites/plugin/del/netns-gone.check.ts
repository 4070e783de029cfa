/**
 * P-DEL-4: DEL succeeds when the container's netns is already gone, and still releases the IPAM reservation
 * (P-DEL-*; cilium/cilium#40843).
 */
import { check } from '../../support/check.ts';
import { attachmentCall, attachOrFail } from '../lib/attach.ts';
import {
  expectReleased,
  hasIpam,
  skipUnobserved,
  startReleaseProbe,
  stateAddedBy,
} from '../lib/ipam-release.ts';
import { expectSuccess } from '../lib/verdicts.ts';

check(
  'P-DEL-4',
  'DEL succeeds after the netns was removed and releases the IP reservation',
  { versions: 'latest' },
  async (ctx) => {
    const ipam = hasIpam(ctx.config());
    const probe = ipam ? await startReleaseProbe(ctx) : undefined;
    const doomed = await ctx.sandbox.addContainer();
    const attachment = await attachOrFail(ctx, { container: doomed });
    const owned = probe ? await stateAddedBy(ctx, probe, attachment) : undefined;
    await ctx.sandbox.removeContainer(doomed.name);
    expectSuccess(
      await ctx.call('DEL', attachmentCall(attachment)),
      `DEL with CNI_NETNS=${doomed.netnsPath} gone`,
    );
    if (ipam && !(await expectReleased(ctx, probe, owned, attachment, 'after DEL with the netns gone')))
      skipUnobserved(ctx, 'after DEL with the netns gone');
  },
);
