/**
 * P-DEL-1: DEL releases the IPAM reservation, seen without knowing the IPAM's store: in a range the harness can
 * shrink (host-local style `subnet`/`ranges`, or the range the author names with --ipam-range for another schema),
 * more ADD/DEL cycles than the range has addresses must all succeed. An IPAM that never releases runs out.
 */
import ipaddr from 'ipaddr.js';
import type { JsonObject } from '../../../src/target.ts';
import { isRangeIpam, withSubnet } from '../../fidelity/lib/ipam-shape.ts';
import { check } from '../../support/check.ts';
import type { CheckContext } from '../../support/context.ts';
import { attach, describe, detach } from '../lib/attach.ts';
import { hasIpam, RELEASE_HINT } from '../lib/ipam-release.ts';
import { expectSuccess } from '../lib/verdicts.ts';

/** Three allocatable addresses (.2–.4; .1 is host-local's default gateway). */
const SHRUNK = { subnet: '10.236.0.0/29', rangeEnd: '10.236.0.4', size: 3 };
/** Beyond this many addresses the cycles would take too long: the author should configure a small range. */
const MAX_CYCLES = 32;

/** Addresses a range can hand out at most (network and broadcast excluded for IPv4). */
function rangeSize(cidr: string): number {
  const [address, prefix] = ipaddr.parseCIDR(cidr);
  const bits = (address.kind() === 'ipv4' ? 32 : 128) - prefix;
  return bits > 20 ? Number.POSITIVE_INFINITY : 2 ** bits - (address.kind() === 'ipv4' ? 2 : 0);
}

/** The config to cycle in and how many addresses it has, or a skip. */
function cyclingRange(ctx: CheckContext): { config: JsonObject; size: number } {
  const config = ctx.config();
  if (!hasIpam(config)) return ctx.skip('plugin-capability-missing', 'the configuration has no ipam');
  if (isRangeIpam(config))
    return { config: withSubnet(config, SHRUNK.subnet, SHRUNK.rangeEnd), size: SHRUNK.size };
  const declared = ctx.target.observation?.ipamRange;
  if (declared === undefined)
    return ctx.skip(
      'not-observable',
      `the IPAM config has no subnet/ranges the harness can shrink: give --ipam-range CIDR (the small range your config hands out) or ${RELEASE_HINT}`,
    );
  const size = rangeSize(declared);
  if (size > MAX_CYCLES)
    return ctx.skip(
      'not-observable',
      `--ipam-range ${declared} holds more than ${MAX_CYCLES} addresses: configure a smaller range for the run`,
    );
  return { config, size };
}

check(
  'P-DEL-1',
  'ADD/DEL cycles beyond the size of a small range keep succeeding (DEL releases the address)',
  { versions: 'latest', roles: ['main', 'ipam'] },
  async (ctx) => {
    const { config, size } = cyclingRange(ctx);
    const cycles = size + 2;
    for (let cycle = 1; cycle <= cycles; cycle++) {
      const attachment = await attach(ctx, { config, containerId: `${ctx.containerId}-r${cycle}` });
      if (attachment.add.kind !== 'ok') {
        throw new Error(
          `ADD #${cycle} failed after ${cycle - 1} ADD/DEL cycles in a range of ${size} address(es): DEL does not release (${describe(attachment.add)})`,
        );
      }
      expectSuccess(await detach(ctx, attachment), `DEL #${cycle}`);
    }
  },
);
