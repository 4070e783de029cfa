/**
 * Every pinned upstream bug (src/spec/known-bugs.ts) still reproduces on the real plugin it is pinned to (Debian's
 * containernetworking-plugins 1.1.1 and dnsname 1.3.1 in /usr/lib/cni): the built CLI exits 1, the failure is
 * annotated with the bug; `--accept-known` makes exactly those warnings (exit 0). A pin whose check passed is
 * reported by the CLI as no longer reproducing, and fails here as "fixed?". A third-party binary under a reference
 * type name fails the same way but gets no annotation, even with `--accept-known`.
 * One lean CLI run per plugin, restricted with `--only` to the pinned checks.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { KNOWN_BUGS } from '../../src/spec/known-bugs.ts';
import { type CliVerdict, limiter, runCli } from '../suites/fidelity/cli-run.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DEFAULTS = join(ROOT, 'fixtures/configs/defaults');
const slot = limiter(3);
const RUN_TIMEOUT = 600_000;

function defaultConfig(type: string, changes: Record<string, unknown> = {}): Record<string, unknown> {
  const conflist = JSON.parse(readFileSync(join(DEFAULTS, `${type}.conflist`), 'utf8')) as {
    plugins: Record<string, unknown>[];
  };
  conflist.plugins = conflist.plugins.map((entry) =>
    entry.type === type ? { ...entry, ...changes } : entry,
  );
  return conflist;
}

/** One run per plugin: its config, the pinned checks (title fragments) and versions. */
interface PinRun {
  readonly plugin: string;
  readonly config?: Record<string, unknown>;
  readonly only: readonly string[];
  readonly versions?: string;
  /** For a pin shown by a generated (seeded) check: a seed whose cases reproduce it. */
  readonly seed?: number;
}

const SECOND = 'second attachment of the same container';
const NETNS_GONE = 'DEL after the netns was removed';
const RUNS: readonly PinRun[] = [
  {
    plugin: 'loopback',
    only: ['result format (0.x)', 'ips[].version matches', 'a 0.1.0/0.2.0 result has ip4/ip6'],
    versions: '0.2.0,0.3.1',
  },
  { plugin: 'bridge', config: defaultConfig('bridge', { ipMasq: true }), only: [NETNS_GONE, SECOND] },
  {
    plugin: 'ptp',
    config: defaultConfig('ptp', { ipMasq: true }),
    only: [NETNS_GONE, SECOND, 'the reservation is released before it returns'],
  },
  { plugin: 'bandwidth', only: [SECOND] },
  { plugin: 'host-local', only: ['args.cni.ips wins over a CNI_ARGS IP'] },
  { plugin: 'portmap', only: ['CHECK passes immediately after an ADD that used'] },
  {
    plugin: 'sbr',
    only: ['DEL succeeds after the netns was removed', 'DEL with CNI_NETNS empty', 'never added'],
  },
  {
    plugin: 'macvlan',
    only: ['the reservation is released before it returns', 'malformed stdin'],
    // Its malformed cases include an IPAM config error (a CIDR without a valid mask): eth0 stays stranded.
    seed: 984177627,
  },
  {
    plugin: 'host-device',
    only: [
      'DEL after the netns was removed',
      'DEL succeeds after the netns was removed',
      'DEL of a container ID that was never added',
      'DEL with CNI_NETNS empty',
      'the reservation is released before it returns',
      'dual-stack ADD that failed on an exhausted IPv6 range',
      'malformed stdin',
    ],
    // Its malformed cases end with an IPAM config error after the last valid DEL: the device stays stranded.
    seed: 950429915,
  },
  {
    plugin: 'dnsname',
    only: [
      'CHECK passes immediately after a successful ADD',
      'result format (0.x)',
      'ADD then DEL removes exactly what the ADD added',
    ],
    versions: '0.2.0,1.0.0',
  },
];

const annotated = new Set<string>();
const unreproduced = new Set<string>();
let finishedRuns = 0;

function run(
  pin: PinRun,
  extra: readonly string[] = [],
  plugin = `/usr/lib/cni/${pin.plugin}`,
  launcher?: readonly string[],
) {
  const args = [
    ...['--cni-path', '/usr/lib/cni'],
    ...pin.only.flatMap((fragment) => ['--only', fragment]),
    ...(pin.versions ? ['--versions', pin.versions] : []),
    ...(pin.seed === undefined ? [] : ['--seed', String(pin.seed)]),
    ...extra,
  ];
  const config = pin.config ? { config: pin.config } : {};
  return slot(() => runCli({ root: ROOT, plugin, ...config, args, ...(launcher ? { launcher } : {}) }));
}

function account(verdict: CliVerdict): string {
  const lines = [...verdict.failures, ...verdict.warnings].map((f) => `${f.title} [${f.knownBug ?? '-'}]`);
  return `exit ${verdict.exitCode}:\n  ${lines.join('\n  ')}\n${verdict.output}`;
}

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist/cli.js')))
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
}, 300_000);

describe.concurrent('pinned upstream bugs on the real plugins', () => {
  it.each(RUNS.map((pin) => [pin.plugin, pin] as const))(
    '%s: fails (exit 1) with its pinned bugs named',
    { timeout: RUN_TIMEOUT },
    async (_name, pin) => {
      const verdict = await run(pin);
      for (const id of verdict.unreproducedKnownBugs) unreproduced.add(id);
      for (const finding of verdict.failures) if (finding.knownBug) annotated.add(finding.knownBug);
      finishedRuns += 1;
      expect(verdict.exitCode, account(verdict)).toBe(1);
      expect(
        verdict.failures.filter((f) => !f.knownBug),
        `unpinned failures: ${account(verdict)}`,
      ).toEqual([]);
    },
  );

  it('exit 0 with --accept-known: exactly the pinned failures become warnings', {
    timeout: RUN_TIMEOUT,
  }, async () => {
    const verdict = await run(RUNS[0] as PinRun, ['--accept-known']);
    expect(verdict.exitCode, account(verdict)).toBe(0);
    expect(verdict.failures).toEqual([]);
    expect(verdict.warnings.filter((w) => w.knownBug).length, account(verdict)).toBeGreaterThan(0);
  });

  it('a third-party binary in /opt/cni/bin under a reference type name gets no annotation, even with --accept-known', {
    timeout: RUN_TIMEOUT,
  }, async () => {
    // Another build that behaves like loopback 1.1.1 (same failures, not the pinned binary), installed where
    // third-party plugins live. The CLI runs in a mount namespace of its own whose /opt/cni/bin is a fresh tmpfs
    // holding that copy: the host's /opt/cni/bin is never written.
    const install = [
      'mount -t tmpfs cnc-third-party /opt/cni/bin',
      'cp /usr/lib/cni/loopback /opt/cni/bin/loopback',
      "printf 'third-party build\\n' >> /opt/cni/bin/loopback",
      'exec "$@"',
    ].join(' && ');
    const launcher = ['unshare', '--mount', '--propagation', 'private', 'sh', '-c', install, 'sh'];
    const verdict = await run(RUNS[0] as PinRun, ['--accept-known'], '/opt/cni/bin/loopback', launcher);
    // The plugin really ran from /opt/cni/bin (an empty private directory there would hide it), and failed as the
    // pinned build does.
    expect(verdict.output).not.toMatch(/not a CNI plugin|VERSION probe failed/);
    expect(verdict.exitCode, account(verdict)).toBe(1);
    expect(
      verdict.failures.flatMap((f) => f.ids),
      account(verdict),
    ).toContain('P-RES-3');
    expect([...verdict.failures, ...verdict.warnings].filter((f) => f.knownBug)).toEqual([]);
  });
});

it.sequential('every pin still reproduces; one that does not is reported as fixed', (ctx) => {
  // A `-t` filter runs some plugins only: then this tally proves nothing.
  if (finishedRuns < RUNS.length) ctx.skip();
  const missing = KNOWN_BUGS.map((bug) => bug.id).filter((id) => !annotated.has(id));
  const fixed = missing.filter((id) => unreproduced.has(id)).map((id) => `${id} (check passed: fixed?)`);
  console.log(`pinned upstream bugs reproduced: ${KNOWN_BUGS.length - missing.length}/${KNOWN_BUGS.length}`);
  expect(
    missing,
    `not reproduced: ${missing.join(', ')}; of them reported as passing (fixed?): ${fixed.join(', ') || 'none'}`,
  ).toEqual([]);
});

it.sequential('every pin is exercised by one of the runs above', () => {
  const plugins = new Set(RUNS.map((pin) => pin.plugin));
  for (const bug of KNOWN_BUGS) {
    const files = bug.builds.flatMap((build) => ('file' in build ? [build.file.replace(/^.*\//, '')] : []));
    expect(
      files.some((file) => plugins.has(file)),
      `${bug.id}: no run covers its plugin`,
    ).toBe(true);
  }
});
