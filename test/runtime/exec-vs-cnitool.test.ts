/**
 * `cni-conformance exec` against cnitool (libcni 1.1.2, built from drivers/cnitool against Debian's libcni), call
 * for call, on the real upstream plugins (/usr/lib/cni bridge + host-local + portmap), in both builds of exec: the
 * Node one (`cni-conformance exec`, dist/exec.js) and the native one (dist/native/cni-exec; a missing native
 * build fails, never skips). Each tool gets a sandbox of its own, set up identically (the same container names,
 * so the same netns paths, container IDs and cache file names; a private /etc/cni/net.d, /var/lib/cni and /run).
 * After every call each exec must agree with cnitool on the exit code, stdout (JSON-equal), stderr, the on-disk
 * cache (every file under /var/lib/cni, with its mode) and the container's addresses. Random values (MAC
 * addresses, host-side veth names) are masked first.
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/package-root.ts';
import { buildDebianGoDriver, libcniUnavailable } from '../../src/runtime-conformance/adapters/libcni.ts';
import { createSandbox } from '../../src/sandbox/index.ts';
import type { ProcessOutcome } from '../../src/sandbox/process.ts';
import type { Sandbox } from '../../src/sandbox/sandbox.ts';
import { nativePlugins } from '../plugins/support.ts';

const ROOT = packageRoot();
const CLI = resolve(ROOT, 'dist/cli.js');
// Inside the repository: the sandboxes' /tmp is private, the checkout is not.
const DRIVER_DIR = resolve(ROOT, '.tmp/drivers');
const unavailable = await libcniUnavailable();

const BRIDGE_LIST = {
  cniVersion: '1.0.0',
  name: 'tnet',
  plugins: [
    {
      type: 'bridge',
      bridge: 'cnc0',
      isGateway: true,
      ipam: { type: 'host-local', ranges: [[{ subnet: '10.99.0.0/24' }]] },
    },
    { type: 'portmap', capabilities: { portMappings: true } },
  ],
};
// CNI 0.3.1: no cached prevResult, no CHECK.
const OLD_LIST = {
  cniVersion: '0.3.1',
  name: 'oldnet',
  plugins: [
    {
      type: 'bridge',
      bridge: 'cnc1',
      ipam: { type: 'host-local', ranges: [[{ subnet: '10.98.0.0/24' }]] },
    },
  ],
};
// A legacy single-plugin .conf, found only through NETCONFPATH.
const LEGACY_CONF = {
  cniVersion: '0.4.0',
  name: 'legacy',
  type: 'bridge',
  bridge: 'cnc2',
  ipam: { type: 'host-local', subnet: '10.97.0.0/24' },
};

interface Side {
  /** "cnitool", "node" or "native". */
  readonly name: string;
  readonly sandbox: Sandbox;
  /** argv[0] and the arguments that come before the verb. */
  readonly command: readonly string[];
}

const MAC = /\b[0-9a-f]{2}(?::[0-9a-f]{2}){5}\b/gi;
const VETH = /\bveth[0-9a-f]{8}\b/g;

// Link-local IPv6 addresses follow the random MACs; peer ifindexes the order links were made in.
const LINK_LOCAL = /\bfe80::[0-9a-f:]+\/64\b/g;
const PEER_INDEX = /@if\d+/g;

function mask(text: string): string {
  return text
    .replace(MAC, 'MAC')
    .replace(VETH, 'vethX')
    .replace(LINK_LOCAL, 'fe80::X/64')
    .replace(PEER_INDEX, '@ifX');
}

/** Stdout as JSON when it is JSON, else the masked text. */
function stdoutValue(stdout: string): unknown {
  const masked = mask(stdout);
  try {
    return JSON.parse(masked);
  } catch {
    return masked;
  }
}

async function sh(sandbox: Sandbox, script: string, container?: string): Promise<string> {
  const outcome = await sandbox.command(['sh', '-c', script], container === undefined ? {} : { container });
  if (outcome.exitCode !== 0) throw new Error(`${script}: ${outcome.stderr}`);
  return outcome.stdout;
}

/** What a call leaves behind: every file under /var/lib/cni (path, mode, masked content) and c1's addresses. */
async function stateOf(sandbox: Sandbox) {
  const files = await sh(
    sandbox,
    'cd /var/lib/cni && find . -type f | sort | while read f; do echo "== $f $(stat -c %a "$f")"; cat "$f"; echo; done',
  );
  const containers = (await sh(sandbox, 'ls /run/netns')).trim().split('\n').sort();
  const addresses: Record<string, string> = {};
  for (const name of containers) {
    addresses[name] = mask(await sh(sandbox, 'ip -br addr show | sort', name));
  }
  return { files: mask(files), addresses };
}

async function setUp(sandbox: Sandbox): Promise<void> {
  await sandbox.addContainer('c1');
  await sandbox.addContainer('c2');
  await sandbox.command(['sh', '-c', 'cat > /etc/cni/net.d/10-tnet.conflist'], {
    stdin: JSON.stringify(BRIDGE_LIST),
  });
  await sandbox.command(['sh', '-c', 'cat > /etc/cni/net.d/20-oldnet.conflist'], {
    stdin: JSON.stringify(OLD_LIST),
  });
  await sandbox.command(['sh', '-c', 'mkdir -p /run/confs && cat > /run/confs/legacy.conf'], {
    stdin: JSON.stringify(LEGACY_CONF),
  });
}

describe.skipIf(unavailable !== undefined)(
  'cni-conformance exec vs cnitool (libcni 1.1.2), call for call',
  () => {
    let cnitool: Side;
    /** The two builds of exec, each matched against cnitool. */
    let execs: Side[] = [];

    beforeAll(async () => {
      const [binary, left, node, native] = await Promise.all([
        buildDebianGoDriver('cnitool', DRIVER_DIR),
        createSandbox(),
        createSandbox(),
        createSandbox(),
      ]);
      cnitool = { name: 'cnitool', sandbox: left, command: [binary] };
      execs = [
        { name: 'node', sandbox: node, command: [process.execPath, CLI, 'exec'] },
        { name: 'native', sandbox: native, command: [resolve(nativePlugins(), 'cni-exec')] },
      ];
      await Promise.all([setUp(left), setUp(node), setUp(native)]);
    }, 180_000);
    afterAll(async () => {
      await Promise.all([cnitool?.sandbox.destroy(), ...execs.map((side) => side.sandbox.destroy())]);
    });

    async function call(side: Side, args: readonly string[], env: Record<string, string>) {
      const [file, ...before] = side.command;
      const outcome: ProcessOutcome = await side.sandbox.run({
        file: file ?? '',
        args: [...before, ...args],
        env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', CNI_PATH: '/usr/lib/cni', ...env },
        timeoutMs: 60_000,
      });
      return {
        exitCode: outcome.exitCode,
        stdout: stdoutValue(outcome.stdout),
        stderr: mask(outcome.stderr),
        state: await stateOf(side.sandbox),
      };
    }

    /**
     * Runs one call on cnitool and on each exec and compares everything it shows and leaves; returns cnitool's
     * view. With `ownLine`, exec's stderr is its own one clear line for bad input (cnitool prints Go's decoder
     * error or its usage text); everything else is still compared.
     */
    async function same(args: readonly string[], env: Record<string, string> = {}, ownLine = false) {
      const want = await call(cnitool, args, env);
      for (const exec of execs) {
        const got = await call(exec, args, env);
        const what = `${args.join(' ')} ${JSON.stringify(env)} (${exec.name} exec)`;
        expect(got.exitCode, `exit code of ${what}`).toBe(want.exitCode);
        expect(got.stdout, `stdout of ${what}`).toEqual(want.stdout);
        if (ownLine) expect(got.stderr.trim().split('\n'), `stderr of ${what}`).toHaveLength(1);
        else expect(got.stderr, `stderr of ${what}`).toBe(want.stderr);
        expect(got.state.files, `/var/lib/cni after ${what}`).toBe(want.state.files);
        expect(got.state.addresses, `container addresses after ${what}`).toEqual(want.state.addresses);
      }
      return want;
    }

    it('add, check, a repeated (failing) add, check, del and del again', async () => {
      const added = await same(['add', 'tnet', '/run/netns/c1']);
      expect(added.exitCode).toBe(0);
      expect(added.stdout).toMatchObject({ cniVersion: '1.0.0', ips: [{ address: '10.99.0.2/24' }] });
      expect((await same(['check', 'tnet', '/run/netns/c1'])).exitCode).toBe(0);
      // The second ADD fails (eth0 exists): libcni neither cleans up nor touches the cache.
      const again = await same(['add', 'tnet', '/run/netns/c1']);
      expect(again.exitCode).toBe(1);
      expect(again.state.addresses.c1).toContain('10.99.0.2/24');
      expect((await same(['check', 'tnet', '/run/netns/c1'])).exitCode).toBe(0);
      expect((await same(['del', 'tnet', '/run/netns/c1'])).exitCode).toBe(0);
      expect((await same(['del', 'tnet', '/run/netns/c1'])).exitCode).toBe(0);
    }, 240_000);

    it('a failed add (host-local refuses an unknown CNI_ARGS key), then del', async () => {
      const failed = await same(['add', 'tnet', '/run/netns/c2'], { CNI_ARGS: 'FOO=bar' });
      expect(failed.exitCode).toBe(1);
      expect((await same(['del', 'tnet', '/run/netns/c2'])).exitCode).toBe(0);
    }, 240_000);

    it('CNI_ARGS and CAP_ARGS reach the plugins and the cache', async () => {
      const env = {
        CNI_ARGS: 'IgnoreUnknown=1;IP=10.99.0.50',
        CAP_ARGS: JSON.stringify({ portMappings: [{ hostPort: 8080, containerPort: 80, protocol: 'tcp' }] }),
      };
      const added = await same(['add', 'tnet', '/run/netns/c2'], env);
      expect(added.stdout).toMatchObject({ ips: [{ address: '10.99.0.50/24' }] });
      expect(added.state.files).toContain('/results/tnet-cnitool-');
      // portmap 1.1.1's CHECK fails here ("could not check ipv6 dnat": no ip6tables chain of its own in the
      // sandbox); both tools must report it alike.
      await same(['check', 'tnet', '/run/netns/c2'], env);
      expect((await same(['del', 'tnet', '/run/netns/c2'], env)).exitCode).toBe(0);
    }, 240_000);

    it('an empty CNI_IFNAME is not eth0', async () => {
      for (const verb of ['add', 'check', 'del']) {
        expect((await same([verb, 'tnet', '/run/netns/c1'], { CNI_IFNAME: '' })).exitCode).toBe(1);
      }
      expect((await same(['add', 'tnet', '/run/netns/c1'], { CNI_IFNAME: 'net1' })).exitCode).toBe(0);
      expect((await same(['del', 'tnet', '/run/netns/c1'], { CNI_IFNAME: 'net1' })).exitCode).toBe(0);
    }, 240_000);

    it('a 0.3.1 list: add, check refused, del removes the cache', async () => {
      expect((await same(['add', 'oldnet', '/run/netns/c1'])).exitCode).toBe(0);
      expect((await same(['check', 'oldnet', '/run/netns/c1'])).exitCode).toBe(1);
      expect((await same(['del', 'oldnet', '/run/netns/c1'])).exitCode).toBe(0);
    }, 240_000);

    it('NETCONFPATH and a legacy .conf', async () => {
      const env = { NETCONFPATH: '/run/confs' };
      expect((await same(['add', 'legacy', '/run/netns/c1'], env)).exitCode).toBe(0);
      expect((await same(['del', 'legacy', '/run/netns/c1'], env)).exitCode).toBe(0);
      // tnet is not in /run/confs: exec adds how to fix it to libcni's line.
      expect((await same(['add', 'tnet', '/run/netns/c1'], env, true)).exitCode).toBe(1);
    }, 240_000);

    it.each([
      [[], {}],
      [['add'], {}],
      [['add', 'tnet'], {}],
      [['add', 'nosuchnet', '/run/netns/c1'], {}],
      [['add', 'tnet', '/run/netns/c1'], { CNI_ARGS: 'novalue' }],
      [['add', 'tnet', '/run/netns/c1'], { CAP_ARGS: '[1' }],
      [['add', 'tnet', '/run/netns/c1'], { CNI_IFNAME: 'a-name-far-too-long' }],
    ])(
      'usage and input errors: %j %j',
      async (args, env) => {
        expect((await same(args, env, true)).exitCode).toBe(1);
      },
      120_000,
    );
  },
);
