import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../src/inspect/index.ts';
import {
  firstAttachmentLeftovers,
  hostRunner,
  inspectNamespace,
  leftoversByDifference,
  ownedByAdd,
  shapeOf,
} from '../../src/inspect/index.ts';

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

const STORE = '/run/my-ipam/leases.json';

function withStore(leases: Record<string, string>, cursor: string): Snapshot {
  const content = JSON.stringify({ leases, cursor });
  return { ...EMPTY, files: [{ path: STORE, type: 'file', content }] };
}

function nftChain(snapshot: Snapshot, chain: string): Snapshot {
  const nft = { ...snapshot.nft, chains: [...snapshot.nft.chains, `inet meta ${chain}`] };
  return { ...snapshot, nft };
}

const SECOND = { createdBy: 'ADD of c2', tokens: ['c2', '10.1.0.3'] };

describe('ownership by difference', () => {
  describe('when a second ADD adds its own lease to a shared JSON store and a chain of its own', () => {
    const before = nftChain(withStore({ '10.1.0.2': 'c1' }, '10.1.0.2'), 'att-c1');
    const afterAdd = nftChain(withStore({ '10.1.0.2': 'c1', '10.1.0.3': 'c2' }, '10.1.0.3'), 'att-c1');
    const added = nftChain(afterAdd, 'att-c2');
    const owned = ownedByAdd(before, added, SECOND);

    it('owns the lease leaf and the chain, not the cursor that moved on', () => {
      expect(owned.entries.map((entry) => entry.id)).toEqual([
        'nft chain inet meta att-c2',
        '"["leases"]["10.1.0.3"]" in /run/my-ipam/leases.json',
      ]);
    });

    it('reports both as leftovers of that ADD when DEL keeps them, whatever they are called', () => {
      const found = leftoversByDifference(before, added, [owned]);
      expect(found.map((l) => [l.entry.id, l.createdBy])).toEqual([
        ['nft chain inet meta att-c2', 'ADD of c2'],
        ['"["leases"]["10.1.0.3"]" in /run/my-ipam/leases.json', 'ADD of c2'],
      ]);
    });

    it('finds nothing when DEL removed exactly them (the cursor may stay moved)', () => {
      expect(
        leftoversByDifference(before, nftChain(withStore({ '10.1.0.2': 'c1' }, '10.1.0.3'), 'att-c1')),
      ).toEqual([]);
    });
  });

  describe('when the first attachment, which created the scaffolding, is deleted', () => {
    const owned = ownedByAdd(EMPTY, nftChain(EMPTY, 'att-c2'), SECOND);
    const first = { createdBy: 'ADD of c1', tokens: ['c1', '10.1.0.2'] };
    const after = {
      ...nftChain(EMPTY, 'att-c1'),
      nft: { ...nftChain(EMPTY, 'att-c1').nft, tables: ['inet meta'] },
    };

    it("calls what looks like the second ADD's own a leftover and the rest shared scaffolding", () => {
      const judged = firstAttachmentLeftovers(EMPTY, after, first, owned);
      expect(judged.leftovers.map((l) => l.entry.id)).toEqual(['nft chain inet meta att-c1']);
      expect(judged.scaffolding.map((entry) => entry.id)).toEqual(['nft table inet meta']);
    });
  });

  describe('shapes', () => {
    it('mask addresses, hex names and numbers, and the attachment tokens', () => {
      expect(shapeOf('link veth1a2b3c4d (veth, master cni0)')).toBe(
        shapeOf('link vethdeadbee1 (veth, master cni0)'),
      );
      expect(shapeOf('file /var/lib/cni/networks/n/10.1.0.5')).toBe('file /var/lib/cni/networks/n/<ip>');
      expect(shapeOf('process sleep helper-c1', ['c1'])).toBe(shapeOf('process sleep helper-c22', ['c22']));
    });
  });
});

describe('an inspector view that fails', () => {
  it('is a problem carrying its stderr, not an empty view', async () => {
    const snapshot = await inspectNamespace(hostRunner, {
      dataDirs: [],
      processes: false,
      stateCommand: 'echo partial; echo "store unreachable" >&2; exit 3',
    });
    expect(snapshot.problems).toEqual(['state-command: exit 3: store unreachable']);
  });
});
