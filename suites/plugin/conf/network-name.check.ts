/**
 * P-CONF-5: the plugin honours the request-only key `name` (P-CONF-*): state is kept per network, since the
 * spec keys an attachment by (network name, container ID, ifname). Two networks that differ only in `name`,
 * with a one-address range, each lease that address to the same container; a DEL on one leaves the other's lease
 * in place (its CHECK still passes, where the version has CHECK).
 */
import { verbAllowed } from '../../../src/spec/versions.ts';
import { isRangeIpam, withSubnet } from '../../fidelity/lib/ipam-shape.ts';
import { check } from '../../support/check.ts';
import { expectSuccess } from '../lib/verdicts.ts';

const SUBNET = '10.237.0.0/29';
const ONLY_ADDRESS = '10.237.0.2';

check(
  'P-CONF-5',
  'state is kept per network `name`: two networks with the same one-address range serve the same container',
  { versions: 'latest', roles: ['ipam'] },
  async (ctx) => {
    if (!isRangeIpam(ctx.config()))
      return ctx.skip('plugin-capability-missing', 'the IPAM config has no subnet or ranges to shrink');
    const network = (suffix: string) =>
      withSubnet({ ...ctx.config(), name: `${String(ctx.config().name)}-${suffix}` }, SUBNET, ONLY_ADDRESS);
    const first = network('a');
    const second = network('b');
    const firstResult = expectSuccess(
      await ctx.call('ADD', { config: first }),
      `ADD on network ${first.name}`,
    );
    expectSuccess(
      await ctx.call('ADD', { config: second }),
      `ADD of the same container on network ${second.name}, which differs only in name`,
    );
    expectSuccess(await ctx.call('DEL', { config: second }), `DEL on network ${second.name}`);
    if (verbAllowed('CHECK', ctx.version)) {
      expectSuccess(
        await ctx.call('CHECK', { config: first, prevResult: firstResult }),
        `CHECK on network ${first.name} after the DEL on ${second.name}`,
      );
    }
    await ctx.call('DEL', { config: first });
  },
);
