import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildPayload, GUEST_ROOT, guestLayout } from '../../../src/sandbox/vagrant/payload.ts';

const work = mkdtempSync(join(tmpdir(), 'cnct-vagrant-payload-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function file(path: string, text = 'x', mode = 0o644): string {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  chmodSync(path, mode);
  return path;
}

describe('vagrant payload (one archive: package, node, plugin, config, CNI_PATH)', () => {
  it('renames every source to its fixed guest place and leaves dev-only tools out', async () => {
    const pkg = join(work, 'pkg');
    file(join(pkg, 'package.json'), '{}');
    file(join(pkg, 'dist/cli.js'));
    file(join(pkg, 'node_modules/vitest/index.js'));
    file(join(pkg, 'node_modules/typescript/lib/tsc.js'));
    file(join(pkg, '.git/HEAD'));
    const sources = {
      packageRoot: pkg,
      nodeBinary: file(join(work, 'bin/node-20'), '#!/bin/sh\n', 0o755),
      pluginPath: file(join(work, 'plugins/my bridge'), '#!/bin/sh\n', 0o755),
      configFile: file(join(work, 'conf/10-net.conflist'), '{}'),
      cniPath: [join(work, 'cni-a')],
    };
    file(join(work, 'cni-a/host-local'), '#!/bin/sh\n', 0o755);

    const archive = await buildPayload(sources, join(work, 'payload.tar'));
    const listed = execFileSync('tar', ['-tzvf', archive], { encoding: 'utf8' });
    const names = listed
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split(/\s+/).slice(5).join(' '));
    expect(names).toEqual(
      expect.arrayContaining([
        'pkg/package.json',
        'pkg/dist/cli.js',
        'pkg/node_modules/vitest/index.js',
        'node',
        'plugin/my bridge',
        'config/10-net.conflist',
        'cni/0/host-local',
      ]),
    );
    expect(names.filter((name) => name.includes('typescript') || name.includes('.git'))).toEqual([]);
    expect(listed).toMatch(/^-rwxr-xr-x .* plugin\/my bridge$/m);

    expect(guestLayout(sources)).toEqual({
      packageRoot: `${GUEST_ROOT}/pkg`,
      node: `${GUEST_ROOT}/node`,
      pluginPath: `${GUEST_ROOT}/plugin/my bridge`,
      configFile: `${GUEST_ROOT}/config/10-net.conflist`,
      cniPath: [`${GUEST_ROOT}/cni/0`],
    });
  });
});
