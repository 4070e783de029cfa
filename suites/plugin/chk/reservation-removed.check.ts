/**
 * P-CHK-3: CHECK also reports damage the result cannot show: the IPAM reservation removed behind the plugin's
 * back (host-local lease file deleted; P-CHK-*). Applies where the IPAM state can be read (host-local).
 */
import { check } from '../../support/check.ts';
import { attachmentCall, attachOrFail } from '../lib/attach.ts';
import { hostLocalLeaseDir, reservationsOf } from '../lib/ipam-store.ts';
import { expectFailure, expectSuccess } from '../lib/verdicts.ts';

check(
  'P-CHK-3',
  'CHECK fails after the IPAM reservation was removed',
  { versions: 'latest', verbs: ['ADD', 'CHECK', 'DEL'], roles: ['main', 'ipam'] },
  async (ctx) => {
    const attachment = await attachOrFail(ctx);
    const dir = hostLocalLeaseDir(attachment.config);
    if (dir === undefined) return ctx.skip('plugin-capability-missing', 'IPAM state is not host-local');
    const leases = await reservationsOf(ctx, dir, attachment.containerId, attachment.ifname);
    if (leases.length === 0)
      throw new Error(`ADD left no host-local reservation for ${attachment.containerId} in ${dir}`);
    expectSuccess(await ctx.call('CHECK', attachmentCall(attachment)), 'CHECK before tampering');
    await ctx.sandbox.command(['rm', '-f', ...leases.map((lease) => lease.path)]);
    expectFailure(
      await ctx.call('CHECK', attachmentCall(attachment)),
      'CHECK after deleting the lease files',
    );
    await ctx.call('DEL', attachmentCall(attachment));
  },
);
