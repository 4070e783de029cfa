/**
 * `cni-conformance cluster` on the built CLI: bad input is one line and exit 2; a failing run exits 1 and
 * writes the grid, the JUnit cells and a repro script. Needs `npm run build`; the run is rootless when not root.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const FIXTURES = fileURLToPath(new URL('../../fixtures/cluster/', import.meta.url));

function cli(args: readonly string[]) {
  return spawnSync(process.execPath, [CLI, 'cluster', ...args], { encoding: 'utf8', timeout: 60_000 });
}

describe.runIf(existsSync(CLI))('cni-conformance cluster', () => {
  it.each([
    [['--mode', 'bogus'], /--mode bogus is not one of host-gw, vxlan, plugin/],
    [['--nodes', 'x'], /--nodes x is not a whole number/],
    [['--nodez', '3'], /Unknown option '--nodez'/],
    [['/usr/lib/cni/bridge', 'extra'], /takes one plugin/],
  ])('refuses %j with one line and exit 2', (args, message) => {
    const run = cli(['/usr/lib/cni/bridge', ...args].slice(args[0]?.startsWith('/') ? 1 : 0));
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('exits 1 on a failing cell and writes the grid, JUnit and repro', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cluster-cli-'));
    try {
      const config = join(FIXTURES, 'no-ip-masq.conflist');
      const run = cli([
        '/usr/lib/cni/bridge',
        '--config',
        config,
        '--nodes',
        '2',
        '--pods-per-node',
        '1',
        '--report-dir',
        dir,
      ]);
      expect(run.status).toBe(1);
      expect(run.stdout).toMatch(/✗ NET-EGRESS-1 node0-pod0 → outside/);
      const junit = readFileSync(join(dir, 'cni-conformance-cluster.junit.xml'), 'utf8');
      expect(junit.match(/<testcase /g)?.length).toBe(14); // 12 cells + 2 leak checks
      expect(junit).toMatch(/<failure message="NET-EGRESS-1/);
      expect(readFileSync(join(dir, 'cni-conformance-cluster.html'), 'utf8')).toMatch(/class="fail"/);
      expect(readFileSync(join(dir, 'repro', 'cluster.sh'), 'utf8')).toMatch(/ip netns add clrepro-node1/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
