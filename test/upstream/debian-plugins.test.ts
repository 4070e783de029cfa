/**
 * Every plugin that Debian's containernetworking-plugins and dnsname packages install in /usr/lib/cni runs with no
 * `--config` (the built-in default for its type) through the built CLI: sound behaviour passes, so the run exits
 * 0 with `--accept-known` and every failure it had without that option is a pinned, hand-reproduced bug; a plugin
 * whose kernel feature is missing here is one clear exit 2 naming the feature. The plugins that the in-process
 * upstream suites already run with the same defaults (test/suites/plugin/upstream-a and -b) are listed, not rerun.
 * The runs judge CNI 1.0.0 only: the older versions go through the Go plugins' shared skel code, which those
 * suites judge at every version for eight plugins, and the pins test runs dnsname's per-version bugs; a full run
 * of these five at every version costs several CPU minutes more.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { type CliVerdict, limiter, runCli } from '../suites/fidelity/cli-run.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PLUGIN_DIR = '/usr/lib/cni';
const slot = limiter(2);
const RUN_TIMEOUT = 900_000;

type Expectation =
  | { readonly kind: 'passes' }
  | { readonly kind: 'covered'; readonly by: string }
  | { readonly kind: 'needs-kernel'; readonly feature: string }
  | { readonly kind: 'usage'; readonly reason: RegExp };

const UPSTREAM_SUITES = 'test/suites/plugin/upstream-a.test.ts and upstream-b.test.ts';

/** What each shipped plugin must do here; a plugin Debian adds that is not listed fails the last test. */
const EXPECTED: Readonly<Record<string, Expectation>> = {
  bridge: { kind: 'covered', by: UPSTREAM_SUITES },
  'host-local': { kind: 'covered', by: UPSTREAM_SUITES },
  loopback: { kind: 'covered', by: UPSTREAM_SUITES },
  ptp: { kind: 'covered', by: UPSTREAM_SUITES },
  tuning: { kind: 'covered', by: UPSTREAM_SUITES },
  portmap: { kind: 'covered', by: UPSTREAM_SUITES },
  bandwidth: { kind: 'covered', by: UPSTREAM_SUITES },
  firewall: { kind: 'covered', by: UPSTREAM_SUITES },
  static: { kind: 'passes' },
  sbr: { kind: 'passes' },
  macvlan: { kind: 'passes' },
  'host-device': { kind: 'passes' },
  dnsname: { kind: 'passes' },
  vlan: { kind: 'needs-kernel', feature: 'CONFIG_VLAN_8021Q' },
  ipvlan: { kind: 'needs-kernel', feature: 'CONFIG_IPVLAN' },
  vrf: { kind: 'needs-kernel', feature: 'CONFIG_NET_VRF' },
  dhcp: { kind: 'usage', reason: /"dhcp".*DHCP server/ },
};

function account(verdict: CliVerdict): string {
  const lines = [...verdict.failures, ...verdict.warnings].map((f) => `${f.title} [${f.knownBug ?? '-'}]`);
  return `exit ${verdict.exitCode}:\n  ${lines.join('\n  ')}\n${verdict.output}`;
}

function run(type: string, args: readonly string[] = []): Promise<CliVerdict> {
  return slot(() => runCli({ root: ROOT, plugin: join(PLUGIN_DIR, type), args }));
}

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist/cli.js')))
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
}, 300_000);

const byKind = (kind: Expectation['kind']) =>
  Object.entries(EXPECTED).filter(
    ([type, expected]) => expected.kind === kind && existsSync(join(PLUGIN_DIR, type)),
  );

describe.concurrent('Debian plugins with their built-in configs', () => {
  it.each(byKind('passes'))(
    '%s: passes with --accept-known; every failure without it is a pinned bug',
    { timeout: RUN_TIMEOUT },
    async (type) => {
      const verdict = await run(type, ['--accept-known', '--versions', '1.0.0']);
      expect(verdict.exitCode, account(verdict)).toBe(0);
      // --accept-known downgrades only pinned failures: no failure left means every failure was a pinned bug.
      expect(verdict.failures, account(verdict)).toEqual([]);
    },
  );

  it.each(byKind('needs-kernel'))(
    '%s: runs where the kernel has its link type, else exit 2 naming the kernel option',
    { timeout: RUN_TIMEOUT },
    async (type) => {
      const expected = EXPECTED[type] as { readonly feature: string };
      const verdict = await run(type, ['--accept-known', '--versions', '1.0.0']);
      if (verdict.exitCode === 2) expect(verdict.output).toContain(expected.feature);
      else expect(verdict.exitCode, account(verdict)).toBe(0);
    },
  );

  it.each(byKind('usage'))('%s: one clear line and exit 2', { timeout: RUN_TIMEOUT }, async (type) => {
    const expected = EXPECTED[type] as { readonly reason: RegExp };
    const verdict = await run(type);
    expect(verdict.exitCode, verdict.output).toBe(2);
    expect(verdict.output.trim().split('\n')).toHaveLength(1);
    expect(verdict.output).toMatch(expected.reason);
  });
});

it('every plugin in /usr/lib/cni is accounted for', () => {
  const shipped = existsSync(PLUGIN_DIR) ? readdirSync(PLUGIN_DIR) : [];
  expect(shipped.filter((type) => !(type in EXPECTED))).toEqual([]);
});
