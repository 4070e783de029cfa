/**
 * Known upstream bugs are pinned to a plugin build and a failure signature (src/spec/known-bugs.ts): only the
 * pinned build, check, message, versions and config condition match; a check that passes on the pinned build
 * reports the pin as no longer reproducing.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { identifyPlugin } from '../../src/cli/plugin-identity.ts';
import {
  findKnownBug,
  KNOWN_BUGS,
  type KnownBug,
  type PluginIdentity,
  unreproducedBugs,
} from '../../src/spec/known-bugs.ts';

const DEBIAN = {
  package: 'containernetworking-plugins',
  version: '1.1.1+ds1-3+b5',
  file: '/usr/lib/cni/bridge',
};
const DEBIAN_BRIDGE: PluginIdentity = { sha256: 'a'.repeat(64), debian: DEBIAN };
const NETNS_GONE = {
  title: 'P-DEL-4, P-DEL-1: DEL after the netns was removed leaves nothing behind but scaffolding @ 1.0.0',
  ids: ['P-DEL-4', 'P-DEL-1'],
  version: '1.0.0',
};
const LEAK = 'host: added iptables chain CNI-74a373da9f66e8589a8b53b1 in nat (ipv4)';
const masq = { identity: DEBIAN_BRIDGE, entry: { type: 'bridge', ipMasq: true } };

describe('known upstream bugs', () => {
  it('match the pinned build, check, message and config condition', () => {
    expect(findKnownBug(masq, NETNS_GONE, LEAK)?.id).toBe('cnp-1.1.1/bridge-ipmasq-netns-gone');
  });

  it('do not match another build, even in /usr/lib/cni, nor a copy without the package', () => {
    const other: PluginIdentity = { ...DEBIAN_BRIDGE, debian: { ...DEBIAN, version: '1.4.0-1' } };
    expect(findKnownBug({ ...masq, identity: other }, NETNS_GONE, LEAK)).toBeUndefined();
    expect(
      findKnownBug({ ...masq, identity: { sha256: DEBIAN_BRIDGE.sha256 } }, NETNS_GONE, LEAK),
    ).toBeUndefined();
  });

  it('do not match another message, check or config', () => {
    expect(findKnownBug(masq, NETNS_GONE, 'host: added link veth1234 (veth)')).toBeUndefined();
    expect(
      findKnownBug(masq, { ...NETNS_GONE, ids: ['P-DEL-1'], title: 'ADD then DEL' }, LEAK),
    ).toBeUndefined();
    const noMasq = { ...masq, entry: { type: 'bridge', ipMasq: false } };
    expect(findKnownBug(noMasq, NETNS_GONE, LEAK)).toBeUndefined();
  });

  it('match only at the pinned CNI versions', () => {
    const loopback = {
      identity: {
        sha256: 'b'.repeat(64),
        debian: { ...DEBIAN, file: '/usr/lib/cni/loopback' },
      },
      entry: { type: 'loopback' },
    };
    const legacy = { title: 'P-RES-3: a 0.1.0/0.2.0 result has ip4/ip6 and no interfaces', ids: ['P-RES-3'] };
    const message = 'interfaces in a legacy result: expected [ … ] to be undefined';
    expect(findKnownBug(loopback, { ...legacy, version: '0.2.0' }, message)?.id).toBe(
      'cnp-1.1.1/loopback-legacy-shape',
    );
    expect(findKnownBug(loopback, { ...legacy, version: '1.0.0' }, message)).toBeUndefined();
  });

  it('report a pin whose check passed on the pinned build as no longer reproducing (fixed?)', () => {
    const fixedBug: KnownBug = { ...(KNOWN_BUGS[0] as KnownBug), id: 'test/fixed' };
    const none = new Set<string>();
    expect(unreproducedBugs(masq, [NETNS_GONE], none, [fixedBug]).map((b) => b.id)).toEqual(['test/fixed']);
    expect(unreproducedBugs({ ...masq, entry: {} }, [NETNS_GONE], none, [fixedBug])).toEqual([]);
    // One of its sites passed (a seeded one, say) while another failed with it: reproduced, not fixed.
    expect(unreproducedBugs(masq, [NETNS_GONE], new Set(['test/fixed']), [fixedBug])).toEqual([]);
  });

  it('give a Debian identity only to the unmodified file dpkg installed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cnc-identity-'));
    try {
      const copy = join(dir, 'bridge');
      copyFileSync('/usr/lib/cni/bridge', copy);
      const installed = identifyPlugin('/usr/lib/cni/bridge');
      expect(installed.debian).toMatchObject({
        package: 'containernetworking-plugins',
        file: '/usr/lib/cni/bridge',
      });
      expect(identifyPlugin(copy)).toEqual({ sha256: installed.sha256 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('each carry a reference and runnable repro commands', () => {
    for (const bug of KNOWN_BUGS) {
      expect(bug.reference, bug.id).not.toBe('');
      expect(bug.reproduced, bug.id).toMatch(/CNI_COMMAND=\w+ .*\/usr\/lib\/cni\//);
      expect(bug.reproduced, bug.id).toMatch(/# observed: /);
    }
  });
});
