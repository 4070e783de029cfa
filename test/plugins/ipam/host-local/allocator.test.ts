import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allocate } from '../../../../src/plugins/ipam/host-local/allocator.ts';
import { parseRangeSets } from '../../../../src/plugins/ipam/host-local/range-set.ts';
import { LeaseStore } from '../../../../src/plugins/ipam/host-local/store.ts';
import { parseAddress } from '../../../../src/plugins/skel/address.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hl-alloc-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function allocateFor(store: LeaseStore, set: ReturnType<typeof parseRangeSets>[number], id: string) {
  return allocate({
    store,
    set,
    index: 0,
    owner: { containerId: id, ifname: 'eth0' },
    existing: store.leasesOf(id, 'eth0'),
  });
}

describe('host-local allocator', () => {
  it('hands out every usable address of a /29 once, skipping the gateway, then reports exhaustion', () => {
    const [set] = parseRangeSets([[{ subnet: '10.1.0.0/29' }]]);
    const store = new LeaseStore(dir);
    if (!set) throw new Error('no set');
    const addresses = ['a', 'b', 'c', 'd', 'e'].map((id) => allocateFor(store, set, id).address);
    expect(addresses).toEqual(['10.1.0.2/29', '10.1.0.3/29', '10.1.0.4/29', '10.1.0.5/29', '10.1.0.6/29']);
    expect(() => allocateFor(store, set, 'f')).toThrow(
      'no IP addresses available in range set: 10.1.0.1-10.1.0.6',
    );
  });

  it('continues round-robin after last_reserved_ip and wraps across ranges of the set', () => {
    const [set] = parseRangeSets([
      [{ subnet: '10.2.0.0/29', rangeStart: '10.2.0.5' }, { subnet: '10.3.0.0/30' }],
    ]);
    if (!set) throw new Error('no set');
    const store = new LeaseStore(dir);
    writeFileSync(join(dir, 'last_reserved_ip.0'), '10.2.0.6');
    expect(allocateFor(store, set, 'a').address).toBe('10.3.0.2/30');
    expect(allocateFor(store, set, 'b').address).toBe('10.2.0.5/29');
  });

  it('takes a requested address and refuses the gateway or a taken one', () => {
    const [set] = parseRangeSets([[{ subnet: '10.4.0.0/24' }]]);
    if (!set) throw new Error('no set');
    const store = new LeaseStore(dir);
    const request = (id: string, ip: string) =>
      allocate({
        store,
        set,
        index: 0,
        owner: { containerId: id, ifname: 'eth0' },
        existing: [],
        requested: parseAddress(ip),
      });
    expect(request('a', '10.4.0.9').address).toBe('10.4.0.9/24');
    expect(() => request('b', '10.4.0.9')).toThrow('is not available');
    expect(() => request('c', '10.4.0.1')).toThrow("subnet's gateway");
  });
});
