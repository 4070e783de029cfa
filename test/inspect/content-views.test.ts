import { describe, expect, it } from 'vitest';
import { contentPieces } from '../../src/inspect/content-items.ts';
import { parseNftRuleset } from '../../src/inspect/firewall-views.ts';
import { parseNeighbours } from '../../src/inspect/network-views.ts';
import { parseMounts, parseProcesses } from '../../src/inspect/state-views.ts';

describe('item-granular views', () => {
  describe('file contents', () => {
    it('splits a JSON store into leaves, array elements known by value', () => {
      const file = {
        path: '/run/s.json',
        type: 'file' as const,
        content: '{"leases":{"10.1.0.2":"c1"},"free":["a"]}',
      };
      expect(contentPieces(file)).toEqual([
        { where: '["leases"]["10.1.0.2"]', value: '"c1"' },
        { where: '["free"][] = "a"', value: '' },
      ]);
    });

    it('keeps a one-value file as one piece (it may change) and a list file as lines', () => {
      expect(contentPieces({ path: '/x', type: 'file', content: '10.1.0.9\n' })).toEqual([
        { where: '', value: '10.1.0.9' },
      ]);
      expect(contentPieces({ path: '/y', type: 'file', content: 'a\r\nb\n' }).map((p) => p.where)).toEqual([
        'a',
        'b',
      ]);
    });
  });

  describe('nft sets', () => {
    it('lists each element of a set as an item of its own', () => {
      const json = JSON.stringify({
        nftables: [
          { set: { family: 'inet', table: 't', name: 'pods', handle: 3, elem: ['10.1.0.2', '10.1.0.3'] } },
        ],
      });
      const parsed = parseNftRuleset(json);
      expect(parsed.ok && parsed.value.objects).toEqual([
        'set inet t pods',
        'set inet t pods element "10.1.0.2"',
        'set inet t pods element "10.1.0.3"',
      ]);
    });
  });

  describe('neighbours', () => {
    it('keeps configured entries and drops learned ones', () => {
      const text = JSON.stringify([
        { dst: '10.1.0.2', dev: 'cni0', lladdr: '02:00:00:00:00:02', state: ['PERMANENT'] },
        { dst: '10.1.0.3', dev: 'cni0', lladdr: '02:00:00:00:00:03', state: ['REACHABLE'] },
      ]);
      expect(parseNeighbours(text)).toEqual({
        ok: true,
        value: [{ ifname: 'cni0', dst: '10.1.0.2', lladdr: '02:00:00:00:00:02' }],
      });
    });
  });

  describe('mounts', () => {
    it('keeps mounts under the watched dirs, not the sandbox netns mounts or the host view', () => {
      const text = [
        '30 20 0:4 net:[4026532300] /run/my-plugin/ns rw - nsfs nsfs rw',
        '31 20 0:4 net:[4026532301] /run/netns/ctr-1 rw - nsfs nsfs rw',
        '32 20 0:4 net:[4026532302] /tmp/elsewhere rw - nsfs nsfs rw',
      ].join('\n');
      expect(parseMounts(text, ['/run'])).toEqual([
        { mountPoint: '/run/my-plugin/ns', fsType: 'nsfs', source: 'nsfs', root: 'net:[4026532300]' },
      ]);
    });
  });

  describe('processes', () => {
    it('leaves out the inspector and everything below it', () => {
      const text = [
        '50',
        '  1 0 S init',
        ' 50 1 S sh -c script',
        ' 51 50 S sh -c script',
        ' 52 51 R ps',
        ' 60 1 S sleep 99',
      ].join('\n');
      expect(parseProcesses(text)).toEqual([{ pid: 60, args: 'sleep 99' }]);
    });
  });
});
