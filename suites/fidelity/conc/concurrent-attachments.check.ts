/**
 * CONC (P-CONC-1): plugins handle concurrent invocations for different containers, locking shared state
 * (P-CONC-*). 32 ADDs at once on one network must all succeed with distinct addresses; 32 DELs at once must release
 * everything; then ADDs and DELs interleaved. Duplicate IPs under load are the classic failure
 * (Azure/azure-container-networking#885, whereabouts#110, calicoctl#1295).
 */
import { expect } from 'vitest';
import type { Invocation } from '../../../src/runtime/invoke.ts';
import type { JsonObject } from '../../../src/target.ts';
import { describe } from '../../plugin/lib/attach.ts';
import { listReservations } from '../../plugin/lib/ipam-store.ts';
import { hostLinksMovedSince, inspectLinks } from '../../plugin/lib/kernel.ts';
import { check } from '../../support/check.ts';
import type { CheckContext } from '../../support/context.ts';
import { expectNone } from '../lib/expect-none.ts';
import {
  addressIp,
  configuredAddresses,
  isRangeIpam,
  leaseDirOf,
  resultAddresses,
  withSubnet,
} from '../lib/ipam-shape.ts';
import { callAll, makeSlots, type Slot } from '../lib/parallel.ts';

/** Attachments per wave (issue 6: N = 32). */
const CONCURRENCY = 32;
/** 61 allocatable addresses: room for 32 plus the mixed wave, small enough to find a lost lock quickly. */
const SUBNET = '10.233.0.0/26';

function failures(invocations: readonly Invocation[]): string[] {
  return invocations
    .filter((i) => i.kind !== 'ok')
    .map((i) => `${i.request.env.CNI_CONTAINERID}: ${describe(i)}`);
}

/** Allocated addresses given to more than one container; addresses the config names are given on purpose. */
function duplicates(invocations: readonly Invocation[], config: JsonObject): string[] {
  const configured = configuredAddresses(config);
  const owners = new Map<string, string[]>();
  for (const invocation of invocations) {
    if (invocation.kind !== 'ok') continue;
    for (const address of resultAddresses(invocation.output)) {
      const ip = address.split('/')[0] ?? address;
      // Every namespace has its own loopback addresses (the loopback plugin reports them).
      if (ip.startsWith('127.') || ip === '::1' || configured.has(addressIp(address) ?? ip)) continue;
      owners.set(ip, [...(owners.get(ip) ?? []), invocation.request.env.CNI_CONTAINERID ?? '?']);
    }
  }
  return [...owners].filter(([, ids]) => ids.length > 1).map(([ip, ids]) => `${ip} → ${ids.join(', ')}`);
}

async function leasedIps(ctx: CheckContext, config: JsonObject): Promise<string[] | undefined> {
  const dir = leaseDirOf(config);
  return dir === undefined ? undefined : (await listReservations(ctx, dir)).map((r) => r.ip).sort();
}

function networkConfig(ctx: CheckContext): JsonObject {
  const config = ctx.config();
  return isRangeIpam(config) ? withSubnet(config, SUBNET) : config;
}

async function addWave(ctx: CheckContext, slots: readonly Slot[], config: JsonObject): Promise<void> {
  const hostLinks = await inspectLinks(ctx.sandbox);
  const adds = await callAll(ctx, 'ADD', slots, config);
  const moved = failures(adds).length > 0 ? await hostLinksMovedSince(ctx.sandbox, hostLinks) : [];
  if (moved.length > 0) {
    await callAll(ctx, 'DEL', slots, config);
    return ctx.skip(
      'plugin-capability-missing',
      `ADD moved host link ${moved.join(', ')} into a container: concurrent attachments need a config with a device each`,
    );
  }
  expectNone(failures(adds), 'concurrent ADDs that failed');
  expectNone(duplicates(adds, config), 'addresses handed out twice by concurrent ADDs');
}

check(
  'P-CONC-1',
  `${CONCURRENCY} concurrent ADDs get distinct addresses and ${CONCURRENCY} concurrent DELs release them all`,
  { versions: 'latest', roles: ['main', 'ipam'] },
  async (ctx) => {
    const config = networkConfig(ctx);
    const slots = await makeSlots(ctx, 'c', CONCURRENCY);
    await addWave(ctx, slots, config);
    const leased = await leasedIps(ctx, config);
    if (leased !== undefined) expect(leased.length, 'leases on disk after the ADD wave').toBe(CONCURRENCY);
    const dels = await callAll(ctx, 'DEL', slots, config);
    expectNone(failures(dels), 'concurrent DELs that failed');
    expect(await leasedIps(ctx, config), 'leases left after every DEL').toEqual(
      leased === undefined ? undefined : [],
    );
  },
);

check(
  'P-CONC-1',
  'interleaved concurrent ADDs and DELs keep addresses distinct and leases exact',
  { versions: 'latest', roles: ['main', 'ipam'] },
  async (ctx) => {
    const config = networkConfig(ctx);
    const half = CONCURRENCY / 2;
    const first = await makeSlots(ctx, 'a', half);
    const second = await makeSlots(ctx, 'b', half);
    await addWave(ctx, first, config);
    const [dels, adds] = await Promise.all([
      callAll(ctx, 'DEL', first, config),
      callAll(ctx, 'ADD', second, config),
    ]);
    expectNone(failures([...dels, ...adds]), 'interleaved calls that failed');
    expectNone(duplicates(adds, config), 'addresses handed out twice');
    const expected = adds.flatMap((a) => (a.kind === 'ok' ? resultAddresses(a.output) : []));
    const leased = await leasedIps(ctx, config);
    if (leased !== undefined) {
      expect(leased, 'leases on disk = addresses of the live attachments').toEqual(
        expected.map((cidr) => cidr.split('/')[0]).sort(),
      );
    }
    const cleanup = await callAll(ctx, 'DEL', second, config);
    expectNone(failures(cleanup), 'DELs that failed');
  },
);
