/**
 * GC and STATUS at 1.1.0 end to end: the upstream Debian plugins stop at 1.0.0, so the runtime drives this
 * project's own bridge + host-local (bundled here with esbuild) in a sandbox. Checks the runtime's side: the
 * stale attachment gets its DEL from the cache, every plugin gets GC with the valid list, STATUS runs.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildNetworkList } from '../../src/runtime/network-config.ts';
import { Runtime } from '../../src/runtime/runtime.ts';
import { createSandbox } from '../../src/sandbox/index.ts';
import type { Container, Sandbox } from '../../src/sandbox/sandbox.ts';
import { makeScratchDirs, type ScratchDirs } from './support/temp-dirs.ts';
import { cacheFileExists, expectOk, linkNames } from './support/upstream.ts';

const root = new URL('../..', import.meta.url).pathname;
const ENTRIES = {
  bridge: 'src/plugins/main/bridge/main.ts',
  'host-local': 'src/plugins/ipam/host-local/main.ts',
};

/** Bundles the reference plugins under the repo's .tmp (the sandbox has a private /tmp). */
async function buildReferencePlugins(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const [name, entry] of Object.entries(ENTRIES)) {
    const outfile = join(dir, name);
    await build({
      entryPoints: [join(root, entry)],
      outfile,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'esm',
      logLevel: 'warning',
      banner: {
        js: "#!/usr/bin/env node\nimport { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);",
      },
    });
    await chmod(outfile, 0o755);
  }
}

describe('Runtime GC and STATUS @ 1.1.0 with the reference bridge + host-local', () => {
  const binDir = join(root, '.tmp', `runtime-plugins-${randomBytes(4).toString('hex')}`);
  let sandbox: Sandbox;
  let containers: Container[];
  let dirs: ScratchDirs;
  let runtime: Runtime;
  const list = buildNetworkList({
    cniVersion: '1.1.0',
    name: 'ref-net',
    plugins: [
      {
        type: 'bridge',
        bridge: 'cni-ref0',
        isGateway: true,
        ipam: { type: 'host-local', subnet: '10.30.0.0/24' },
      },
    ],
  });
  const attachment = (index: number) => ({
    containerId: `ref-${index}`,
    netns: containers[index]?.netnsPath ?? '',
    ifname: 'eth0',
  });
  const leaseOwners = async () => {
    const dir = '/var/lib/cni/networks/ref-net';
    const names = (await sandbox.command(['ls', dir])).stdout.split('\n').filter((name) => /^\d/.test(name));
    const owners = await Promise.all(
      names.map(async (name) => (await sandbox.command(['cat', `${dir}/${name}`])).stdout.split(/\r?\n/)[0]),
    );
    return owners.sort();
  };

  beforeAll(async () => {
    await buildReferencePlugins(binDir);
    sandbox = await createSandbox();
    containers = [await sandbox.addContainer(), await sandbox.addContainer()];
    dirs = await makeScratchDirs();
    runtime = new Runtime({ executor: sandbox, cniPath: [binDir], cacheDir: dirs.cacheDir });
    for (const index of [0, 1]) expectOk(await runtime.addNetworkList(list, attachment(index)));
  });
  afterAll(async () => {
    await sandbox?.destroy();
    await dirs?.cleanup();
    await rm(binDir, { recursive: true, force: true });
  });

  it('STATUS runs every plugin with only name and cniVersion injected', async () => {
    const outcome = await runtime.getStatusNetworkList(list);
    expectOk(outcome);
    expect(outcome.invocations.map((entry) => entry.invocation.verb)).toEqual(['STATUS']);
    const request = JSON.parse(outcome.invocations[0]?.invocation.request.stdin ?? '{}') as Record<
      string,
      unknown
    >;
    expect(Object.keys(request).sort()).toEqual([
      'bridge',
      'cniVersion',
      'ipam',
      'isGateway',
      'name',
      'type',
    ]);
  });

  it('GC DELs the attachment no longer valid from its cache, then GCs the plugin with the valid list', async () => {
    expect(await leaseOwners()).toEqual(['ref-0', 'ref-1']);
    const outcome = await runtime.gcNetworkList(list, [{ containerID: 'ref-0', ifname: 'eth0' }]);
    expectOk(outcome);
    expect(
      outcome.invocations.map(
        (entry) => `${entry.invocation.verb} ${entry.invocation.request.env.CNI_CONTAINERID ?? '-'}`,
      ),
    ).toEqual(['DEL ref-1', 'GC -']);
    const gc = JSON.parse(outcome.invocations[1]?.invocation.request.stdin ?? '{}') as Record<
      string,
      unknown
    >;
    expect(gc['cni.dev/valid-attachments']).toEqual([{ containerID: 'ref-0', ifname: 'eth0' }]);
    expect(await leaseOwners()).toEqual(['ref-0']);
    expect(await linkNames(sandbox, containers[1]?.name ?? '')).toEqual(['lo']);
    expect(await linkNames(sandbox, containers[0]?.name ?? '')).toContain('eth0');
    expect(await cacheFileExists(dirs.cacheDir, 'ref-net', attachment(1))).toBe(false);
    expect(await cacheFileExists(dirs.cacheDir, 'ref-net', attachment(0))).toBe(true);
  });

  it('the surviving attachment still passes CHECK and DEL after GC (P-GC-6)', async () => {
    expectOk(await runtime.checkNetworkList(list, attachment(0)));
    expectOk(await runtime.delNetworkList(list, attachment(0)));
    expect(await leaseOwners()).toEqual([]);
  });
});
