/**
 * P-CHK-1 / P-CHK-5: CHECK with the ADD result as prevResult passes right after ADD, with no settling time
 * (notes §2.8; containernetworking/plugins#296).
 */
import { check } from '../../support/check.ts';
import { attachmentCall, attachOrFail } from '../lib/attach.ts';
import { expectSuccess } from '../lib/verdicts.ts';

check(
  ['P-CHK-1', 'P-CHK-5'],
  'CHECK passes immediately after a successful ADD',
  {
    versions: 'latest',
    verbs: ['ADD', 'CHECK', 'DEL'],
    upstreamDeviations: {
      portmap:
        'plugins 1.1.1 portmap CHECK right after ADD of an IPv4-only attachment fails with code 999 "could not ' +
        'check ipv6 dnat: chain CNI-DN-… not found in iptables table nat": CHECK looks for the ip6tables DNAT ' +
        'chain that ADD never created (ptp ADD, portmap ADD with runtimeConfig.portMappings, portmap CHECK)',
    },
  },
  async (ctx) => {
    const attachment = await attachOrFail(ctx);
    expectSuccess(await ctx.call('CHECK', attachmentCall(attachment)), 'CHECK right after ADD');
    await ctx.call('DEL', attachmentCall(attachment));
  },
);
