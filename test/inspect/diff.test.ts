import { describe, expect, it } from 'vitest';
import type { LinkRecord, Snapshot } from '../../src/inspect/index.ts';
import { diffSnapshots, leaks } from '../../src/inspect/index.ts';

const EMPTY: Snapshot = {
  links: [],
  addresses: [],
  routes: [],
  rules: [],
  neighbours: [],
  iptables: [],
  nft: { tables: [], chains: [], rules: [], objects: [] },
  sysctls: {},
  files: [],
  netns: [],
  processes: [],
  mounts: [],
  stateLines: null,
  problems: [],
};

function link(name: string, extra: Partial<LinkRecord> = {}): LinkRecord {
  return {
    name,
    ifindex: 2,
    kind: 'veth',
    master: null,
    mac: '02:00:00:00:00:01',
    mtu: 1500,
    flags: ['UP'],
    peerIfindex: 3,
    peerNetnsId: 0,
    portFlags: {},
    ...extra,
  };
}

describe('diffSnapshots', () => {
  describe('when nothing but noise changed', () => {
    it('ignores ifindex renumbering and process ids', () => {
      const before = { ...EMPTY, links: [link('veth1')], processes: [{ pid: 10, args: 'sleep 5' }] };
      const after = {
        ...EMPTY,
        links: [link('veth1', { ifindex: 9, peerIfindex: 12 })],
        processes: [{ pid: 11, args: 'sleep 5' }],
      };
      expect(diffSnapshots(before, after)).toEqual([]);
    });
  });

  describe('when a veth and its kernel-generated state outlive DEL', () => {
    it('names the link once, not its link-local address or kernel routes', () => {
      const after: Snapshot = {
        ...EMPTY,
        links: [link('veth1', { master: 'cni0' })],
        addresses: [{ ifname: 'veth1', family: 'inet6', cidr: 'fe80::1/64', scope: 'link' }],
        routes: [
          {
            family: 'ipv6',
            table: 'main',
            type: 'unicast',
            dst: 'fe80::/64',
            gateway: null,
            dev: 'veth1',
            protocol: 'kernel',
            metric: 256,
          },
        ],
        sysctls: { 'net/ipv6/conf/veth1/accept_ra': '0' },
      };
      expect(diffSnapshots(EMPTY, after)).toEqual([
        {
          kind: 'link',
          key: 'link veth1',
          change: 'added',
          id: 'link veth1 (veth, master cni0)',
          scaffolding: false,
        },
      ]);
    });
  });

  describe('when shared per-host state appears', () => {
    it('marks the bridge, its address, top-level chains, jumps, nft tables, forwarding and host-local files as scaffolding', () => {
      const after: Snapshot = {
        ...EMPTY,
        links: [link('cni0', { kind: 'bridge' })],
        addresses: [{ ifname: 'cni0', family: 'inet', cidr: '10.1.0.1/24', scope: 'global' }],
        iptables: [
          {
            family: 'ipv4',
            table: 'filter',
            chains: { FORWARD: 'ACCEPT', 'CNI-FORWARD': '-' },
            rules: ['-A FORWARD -m comment --comment "CNI firewall plugin rules" -j CNI-FORWARD'],
          },
        ],
        nft: { tables: ['inet cni'], chains: ['inet cni forward'], rules: [], objects: [] },
        sysctls: { 'net/ipv4/ip_forward': '1' },
        files: [
          { path: '/var/lib/cni/networks/n', type: 'dir', content: null },
          { path: '/var/lib/cni/networks/n/lock', type: 'file', content: '' },
          { path: '/var/lib/cni/networks/n/last_reserved_ip.0', type: 'file', content: '10.1.0.2' },
        ],
      };
      const before = { ...EMPTY, sysctls: { 'net/ipv4/ip_forward': '0' } };
      const diff = diffSnapshots(before, after);
      expect(diff.length).toBe(11);
      expect(leaks(diff)).toEqual([]);
      expect(diff.find((entry) => entry.kind === 'sysctl')?.id).toBe('sysctl net/ipv4/ip_forward: 0 → 1');
    });
  });

  describe('when per-attachment state outlives DEL', () => {
    it('reports rules naming the container, its chain, its IP file and its process as leaks', () => {
      const after: Snapshot = {
        ...EMPTY,
        iptables: [
          {
            family: 'ipv4',
            table: 'nat',
            chains: { POSTROUTING: 'ACCEPT', 'CNI-abc123': '-' },
            rules: ['-A POSTROUTING -s 10.1.0.2/32 -m comment --comment "id: \\"c1\\"" -j CNI-abc123'],
          },
        ],
        nft: { tables: [], chains: [], rules: ['inet cni forward: [{"accept":null}]'], objects: [] },
        files: [{ path: '/var/lib/cni/networks/n/10.1.0.2', type: 'file', content: 'c1\r\neth0' }],
        processes: [{ pid: 7, args: 'sleep 1000' }],
        netns: ['ctr-9'],
      };
      const found = leaks(diffSnapshots(EMPTY, after)).map((entry) => entry.id);
      expect(found).toEqual([
        'iptables chain CNI-abc123 in nat (ipv4)',
        'iptables rule nat (ipv4): -A POSTROUTING -s 10.1.0.2/32 -m comment --comment "id: \\"c1\\"" -j CNI-abc123',
        'nft rule inet cni forward: [{"accept":null}]',
        'file /var/lib/cni/networks/n/10.1.0.2',
        'process 7 sleep 1000',
        'netns ctr-9',
      ]);
    });

    it('treats a jump to a shared chain that names one attachment as a leak', () => {
      const rule = '-A CNI-FORWARD -d 10.1.0.2/32 -j ACCEPT';
      const after: Snapshot = {
        ...EMPTY,
        iptables: [
          { family: 'ipv4', table: 'filter', chains: {}, rules: [`${rule.replace('ACCEPT', 'CNI-ADMIN')}`] },
        ],
      };
      expect(leaks(diffSnapshots(EMPTY, after))).toHaveLength(1);
    });
  });

  describe('when a plugin damages what was there', () => {
    it('reports removed and changed objects as leftovers, never as scaffolding', () => {
      const before = { ...EMPTY, links: [link('eth0', { kind: 'device' })], netns: ['ctr-1'] };
      const after = { ...EMPTY, links: [link('eth0', { kind: 'device', mtu: 9000 })] };
      expect(diffSnapshots(before, after)).toEqual([
        {
          kind: 'link',
          key: 'link eth0',
          change: 'changed',
          id: 'link eth0 (device): mtu 1500 → 9000',
          scaffolding: false,
        },
        { kind: 'netns', key: 'netns ctr-1', change: 'removed', id: 'netns ctr-1', scaffolding: false },
      ]);
    });
  });

  describe('when told to ignore a kind', () => {
    it('leaves it out', () => {
      const after = { ...EMPTY, processes: [{ pid: 7, args: 'sleep 1000' }] };
      expect(diffSnapshots(EMPTY, after, { ignoreKinds: ['process'] })).toEqual([]);
    });
  });
});
