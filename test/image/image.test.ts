/**
 * The container image as a cluster runs it: built here (nothing pulled), started with docker exactly as
 * sonobuoy/cni-conformance.yaml's DaemonSet pod says (args derived from the YAML: same command, env, capabilities,
 * security options, read-only node mounts, own network namespace), against Debian's upstream plugins in
 * /usr/lib/cni standing in for the node's /opt/cni/bin and a conflist standing in for /etc/cni/net.d. Checked:
 * Sonobuoy's result contract (results in its dir, then a done file naming them), and the JUnit inside.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHarnessImage } from '../../src/sandbox/docker/debian-base.ts';
import { probeEngine } from '../../src/sandbox/docker/engine.ts';
import { ensureBuilt, ROOT } from '../cli/built-cli.ts';
import { dockerRunArgs, readPluginDefinition } from './pod-spec.ts';

const engine = await probeEngine();
const definition = readPluginDefinition();
const IMAGE = definition.spec.image ?? 'cni-conformance:dev';
/** A narrow selection keeps the run short; the entry point, mounts and contract are the same for the full suite. */
const SELECTION = '--only P-VCMD-*,P-ADD-1,P-DEL-2 --versions 0.4.0,1.0.0';

function docker(args: readonly string[]): string {
  return execFileSync('docker', [...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

async function waitFor(file: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (existsSync(file)) return true;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return false;
}

describe.skipIf(!engine.reachable)('the image run as the Sonobuoy DaemonSet pod', () => {
  const work = mkdtempSync(join(tmpdir(), 'cni-conformance-image-'));
  const results = join(work, 'results');
  const confDir = join(work, 'net.d');
  const name = `cni-conformance-pod-${process.pid}`;
  let done = false;
  let logs = '';

  beforeAll(async () => {
    ensureBuilt();
    await buildHarnessImage(ROOT, IMAGE);
    mkdirSync(results);
    mkdirSync(confDir);
    // The node's config: the one a runtime would load (lexically first), with a second one that must be ignored.
    writeFileSync(
      join(confDir, '10-bridge.conflist'),
      JSON.stringify({
        cniVersion: '1.0.0',
        name: 'podnet',
        plugins: [
          {
            type: 'bridge',
            bridge: 'cni0',
            isGateway: true,
            ipam: { type: 'host-local', ranges: [[{ subnet: '10.244.0.0/24' }]] },
          },
          { type: 'portmap', capabilities: { portMappings: true } },
        ],
      }),
    );
    writeFileSync(
      join(confDir, '99-other.conflist'),
      '{"cniVersion":"1.0.0","name":"x","plugins":[{"type":"nope"}]}',
    );
    const args = dockerRunArgs(definition, {
      hostPaths: { '/opt/cni/bin': '/usr/lib/cni', '/etc/cni/net.d': confDir },
      emptyDirs: { results },
      env: { CNI_CONFORMANCE_ARGS: SELECTION },
      image: IMAGE,
    });
    docker(['run', '-d', '--name', name, ...args]);
    done = await waitFor(join(results, 'done'), 240_000);
    logs = docker(['logs', name]);
  }, 900_000);

  afterAll(() => {
    try {
      docker(['rm', '-f', name]);
    } catch {
      // never started
    }
    // Results are root-owned files in a dir of ours; the container is gone, so plain removal works.
    execFileSync('rm', ['-rf', work]);
  });

  it('writes its results, then a done file naming them, and keeps running as a DaemonSet pod must', () => {
    expect(done, logs).toBe(true);
    expect(readFileSync(join(results, 'done'), 'utf8').trim()).toBe('/tmp/sonobuoy/results/results.tar.gz');
    expect(existsSync(join(results, 'results.tar.gz'))).toBe(true);
    expect(docker(['inspect', '-f', '{{.State.Running}}', name])).toBe('true');
    expect(logs).toContain('bridge from /host/opt/cni/bin with /host/etc/cni/net.d/10-bridge.conflist');
  });

  it('packs JUnit that parses, with one passing testcase per check and no failures on the upstream bridge', () => {
    const listing = docker([
      'run',
      '--rm',
      '--network',
      'none',
      '-v',
      `${results}:/r:ro`,
      '--entrypoint',
      'tar',
      IMAGE,
      '-tzf',
      '/r/results.tar.gz',
    ]);
    expect(listing.split('\n')).toEqual(
      expect.arrayContaining(['./junit.xml', './cni-conformance.json', './cni-conformance.html']),
    );
    const xml = readFileSync(join(results, 'cni-conformance', 'junit.xml'), 'utf8');
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml) as {
      testsuites: { tests: string; failures: string; errors: string; testsuite: unknown };
    };
    expect(Number(parsed.testsuites.tests)).toBeGreaterThan(3);
    expect(Number(parsed.testsuites.failures)).toBe(0);
    expect(Number(parsed.testsuites.errors)).toBe(0);
    const report = JSON.parse(readFileSync(join(results, 'cni-conformance', 'cni-conformance.json'), 'utf8'));
    expect(report.run.pluginPath).toBe('/host/opt/cni/bin/bridge');
    expect(report.exitCode).toBe(0);
  });
});
