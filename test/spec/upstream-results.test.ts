/**
 * Real outputs validate: the upstream bridge, host-local and loopback plugins (Debian's
 * containernetworking-plugins in /usr/lib/cni) run ADD at every version their VERSION reply advertises,
 * then DEL, inside network namespaces this test creates; every result must pass both zod and ajv.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProcess } from '../../src/sandbox/host-executor.ts';
import type { ProcessOutcome } from '../../src/sandbox/process.ts';
import { parseIpamResult, parseResult, parseVersionResult } from '../../src/spec/parse.ts';
import { validateIpamResult, validateResult, validateVersionResult } from '../../src/spec/validate.ts';
import { supportedVersionsOf } from '../../src/spec/version-result.ts';

const PLUGIN_DIR = '/usr/lib/cni';
const canRun = process.getuid?.() === 0 && existsSync(join(PLUGIN_DIR, 'bridge'));
const suffix = randomBytes(3).toString('hex');
const hostNs = `cnct-spec-${suffix}-h`;
const containerNs = `cnct-spec-${suffix}-c`;
let dataDir = '';

async function ip(...args: string[]): Promise<ProcessOutcome> {
  return runProcess({ file: '/usr/sbin/ip', args, env: {} });
}

interface PluginCall {
  readonly plugin: string;
  readonly command: 'ADD' | 'DEL' | 'VERSION';
  readonly config: Record<string, unknown>;
  readonly containerId?: string;
}

/** Execs the plugin inside the private "host" namespace, so a bridge is never created on the real host. */
async function invoke(call: PluginCall): Promise<ProcessOutcome> {
  const env = {
    CNI_COMMAND: call.command,
    CNI_CONTAINERID: call.containerId ?? 'spec-probe',
    CNI_NETNS: `/var/run/netns/${containerNs}`,
    CNI_IFNAME: 'eth0',
    CNI_PATH: PLUGIN_DIR,
  };
  const stdin = JSON.stringify(call.config);
  return runProcess(
    { file: join(PLUGIN_DIR, call.plugin), env, stdin, timeoutMs: 20_000 },
    { prefix: ['/usr/sbin/ip', 'netns', 'exec', hostNs] },
  );
}

function configFor(plugin: string, cniVersion: string): Record<string, unknown> {
  const ipam = {
    type: 'host-local',
    dataDir,
    ranges: [[{ subnet: '10.199.0.0/24' }], [{ subnet: 'fd00:199::/64' }]],
    routes: [{ dst: '0.0.0.0/0' }, { dst: '::/0' }],
  };
  const base = { cniVersion, name: 'cnct-spec' };
  if (plugin === 'bridge') return { ...base, type: 'bridge', bridge: 'cnspec0', isGateway: true, ipam };
  if (plugin === 'host-local') return { ...base, type: 'host-local', ipam };
  return { ...base, type: 'loopback' };
}

/**
 * A real upstream deviation, reproduced by hand on Debian's containernetworking-plugins 1.1.1: loopback
 * builds a 1.0.0-shaped result, labels it with the request's cniVersion and prints it unconverted, so below
 * 1.0.0 the body has the wrong version's shape (P-VER-1; P-RES-3 at 0.1.0/0.2.0, P-RES-2 at 0.3.x/0.4.0).
 * Pinned as the issues both validators must report; if upstream is fixed, this test fails and the pin goes.
 */
const LOOPBACK_V1_SHAPE_BELOW_1_0: Readonly<Record<string, readonly string[]>> = {
  '0.1.0': ['/interfaces', '/ips'],
  '0.2.0': ['/interfaces', '/ips'],
  '0.3.0': ['/ips/0/version', '/ips/1/version'],
  '0.3.1': ['/ips/0/version', '/ips/1/version'],
  '0.4.0': ['/ips/0/version', '/ips/1/version'],
};

function expectedIssuePaths(plugin: string, version: string): readonly string[] {
  return plugin === 'loopback' ? (LOOPBACK_V1_SHAPE_BELOW_1_0[version] ?? []) : [];
}

async function advertisedVersions(plugin: string): Promise<readonly string[]> {
  const outcome = await invoke({ plugin, command: 'VERSION', config: { cniVersion: '1.0.0' } });
  const json: unknown = JSON.parse(outcome.stdout);
  expect(validateVersionResult(json).issues).toEqual([]);
  const parsed = parseVersionResult(json);
  if (!parsed.ok) throw new Error(`VERSION reply of ${plugin} is invalid: ${JSON.stringify(parsed.issues)}`);
  return supportedVersionsOf(parsed.value);
}

describe.skipIf(!canRun)('upstream plugin results (needs-root)', () => {
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'cnct-spec-ipam-'));
    for (const ns of [hostNs, containerNs]) expect((await ip('netns', 'add', ns)).exitCode).toBe(0);
    await ip('-n', hostNs, 'link', 'set', 'lo', 'up');
  });

  afterAll(async () => {
    for (const ns of [hostNs, containerNs]) await ip('netns', 'del', ns);
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  for (const plugin of ['bridge', 'host-local', 'loopback']) {
    it(`${plugin}: every advertised version's ADD result passes zod and ajv, and DEL succeeds`, async () => {
      const versions = await advertisedVersions(plugin);
      expect(versions.length).toBeGreaterThan(0);
      for (const [index, version] of versions.entries()) {
        const containerId = `spec-${plugin}-${index}`;
        const config = configFor(plugin, version);
        const added = await invoke({ plugin, command: 'ADD', config, containerId });
        expect(added.exitCode, `${plugin} ADD @ ${version}: ${added.stdout}${added.stderr}`).toBe(0);
        const json: unknown = JSON.parse(added.stdout);
        const isIpam = plugin === 'host-local';
        const ajv = isIpam ? validateIpamResult(version, json) : validateResult(version, json);
        const zod = isIpam ? parseIpamResult(version, json) : parseResult(version, json);
        const expected = expectedIssuePaths(plugin, version);
        const zodPaths = zod.ok ? [] : zod.issues.map((issue) => issue.path);
        expect(
          ajv.issues.map((issue) => issue.path),
          `${plugin} @ ${version} (ajv ${ajv.schema})`,
        ).toEqual(expected);
        expect(zodPaths, `${plugin} @ ${version} (zod)`).toEqual(expected);
        const deleted = await invoke({ plugin, command: 'DEL', config, containerId });
        expect(deleted.exitCode, `${plugin} DEL @ ${version}: ${deleted.stdout}`).toBe(0);
      }
    });
  }
});
