import { spawnSync } from 'node:child_process';
import { linkSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runPluginsCommand } from '../../src/cli/plugins-command.ts';
import { buildPlugins, scratchDir } from './support.ts';

function recordingIo() {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    io: {
      stdout: { write: (text: string) => (out.stdout += text) },
      stderr: { write: (text: string) => (out.stderr += text) },
    },
  };
}

let scratch: { path: string; remove: () => void };
let bundleDir: string;

beforeEach(() => {
  scratch = scratchDir('plugins-cmd');
  bundleDir = join(scratch.path, 'dist-plugins');
  mkdirSync(bundleDir);
  for (const name of ['bridge', 'host-local', 'loopback', 'spy'])
    writeFileSync(join(bundleDir, name), `#!/bin/sh\n# ${name}\n`);
});
afterEach(() => scratch.remove());

describe('plugins install', () => {
  it('copies the three reference plugins, executable, into a new directory', async () => {
    const { io, out } = recordingIo();
    const target = join(scratch.path, 'bin');
    expect(await runPluginsCommand(['install', target], io, { bundleDir })).toBe(0);
    expect(out.stdout).toBe(
      `installed bridge, host-local, loopback into ${target}: Node bundles (no native build for ${process.platform}-${process.arch} in ${join(scratch.path, 'native')} (\`npm run build:native\` makes one where Bun exists))\n`,
    );
    expect(readFileSync(join(target, 'bridge'), 'utf8')).toContain('# bridge');
    expect(statSync(join(target, 'loopback')).mode & 0o777).toBe(0o755);
    expect(() => statSync(join(target, 'spy'))).toThrow();
  });

  it('keeps existing plugins unless --force, and --all adds every bundled plugin', async () => {
    const target = join(scratch.path, 'bin');
    mkdirSync(target);
    writeFileSync(join(target, 'bridge'), 'upstream');
    const refused = recordingIo();
    expect(await runPluginsCommand(['install', target], refused.io, { bundleDir })).toBe(2);
    expect(refused.out.stderr).toContain('already holds bridge');
    expect(readFileSync(join(target, 'bridge'), 'utf8')).toBe('upstream');
    expect(
      await runPluginsCommand(['install', target, '--force', '--all'], recordingIo().io, { bundleDir }),
    ).toBe(0);
    expect(readFileSync(join(target, 'spy'), 'utf8')).toContain('# spy');
    expect(readFileSync(join(target, 'bridge'), 'utf8')).toContain('# bridge');
  });

  it('fails with exit 2 and one line on usage errors or a missing build', async () => {
    const { io, out } = recordingIo();
    expect(await runPluginsCommand(['install'], io, { bundleDir })).toBe(2);
    expect(await runPluginsCommand(['frob'], io, { bundleDir })).toBe(2);
    expect(await runPluginsCommand(['install', scratch.path, '--frob'], io, { bundleDir })).toBe(2);
    expect(
      await runPluginsCommand(['install', scratch.path], io, { bundleDir: join(scratch.path, 'none') }),
    ).toBe(2);
    expect(out.stderr.trim().split('\n')).toHaveLength(4);
    expect(out.stderr).toContain('npm run build');
  });

  it('lists the bundled plugins', async () => {
    const { io, out } = recordingIo();
    expect(await runPluginsCommand(['list'], io, { bundleDir })).toBe(0);
    expect(out.stdout).toBe('bridge\nhost-local\nloopback\nspy\n');
  });
});

/** A native build as scripts/build-native.mjs lays it out, with a shell script as the multi-call executable. */
function fakeNativeBuild(dir: string, manifest: Record<string, unknown> = {}): void {
  mkdirSync(dir);
  const plugins = ['bridge', 'host-local', 'loopback', 'spy'];
  writeFileSync(join(dir, 'cni-plugins'), '#!/bin/sh\necho "native $(basename "$0")"\n', { mode: 0o755 });
  for (const name of plugins) linkSync(join(dir, 'cni-plugins'), join(dir, name));
  const build = {
    platform: process.platform,
    arch: process.arch,
    bun: '9.9.9',
    executable: 'cni-plugins',
    plugins,
  };
  writeFileSync(join(dir, 'build.json'), JSON.stringify({ ...build, ...manifest }));
}

describe('plugins install of the native build', () => {
  it('installs the executable once and links each plugin name to it, and says so', async () => {
    const nativeDir = join(scratch.path, 'native');
    fakeNativeBuild(nativeDir);
    const { io, out } = recordingIo();
    const target = join(scratch.path, 'bin');
    expect(await runPluginsCommand(['install', target], io, { bundleDir })).toBe(0);
    expect(out.stdout).toBe(
      `installed bridge, host-local, loopback into ${target}: native build (Bun 9.9.9, ${process.platform}-${process.arch}), cni-plugins linked under each name\n`,
    );
    const inode = statSync(join(target, 'cni-plugins')).ino;
    for (const name of ['bridge', 'host-local', 'loopback'])
      expect(statSync(join(target, name)).ino).toBe(inode);
    expect(spawnSync(join(target, 'host-local')).stdout.toString()).toBe('native host-local\n');
    expect(() => statSync(join(target, 'spy'))).toThrow();
    expect(
      await runPluginsCommand(['install', target, '--all', '--force'], recordingIo().io, { bundleDir }),
    ).toBe(0);
    expect(statSync(join(target, 'spy')).ino).toBe(statSync(join(target, 'cni-plugins')).ino);
  });

  it('installs the Node bundles with --node, or when the native build is for another platform', async () => {
    const nativeDir = join(scratch.path, 'native');
    fakeNativeBuild(nativeDir, { arch: 'pdp11' });
    const elsewhere = recordingIo();
    expect(await runPluginsCommand(['install', join(scratch.path, 'a')], elsewhere.io, { bundleDir })).toBe(
      0,
    );
    expect(elsewhere.out.stdout).toContain(': Node bundles (no native build for');
    expect(readFileSync(join(scratch.path, 'a', 'bridge'), 'utf8')).toContain('# bridge');
    const forced = recordingIo();
    expect(
      await runPluginsCommand(['install', join(scratch.path, 'b'), '--node'], forced.io, { bundleDir }),
    ).toBe(0);
    expect(forced.out.stdout).toContain(': Node bundles (--node)');
  });
});

describe('plugins install under an ESM package', () => {
  it('marks the target CommonJS so the installed plugins still run, and refuses a target that is itself ESM', async () => {
    const bundle = await buildPlugins();
    const project = join(scratch.path, 'project');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), '{ "type": "module" }\n');
    const target = join(project, 'bin');
    const nativeDir = join(scratch.path, 'no-native');
    expect(
      await runPluginsCommand(['install', target], recordingIo().io, { bundleDir: bundle, nativeDir }),
    ).toBe(0);
    const version = spawnSync(join(target, 'loopback'), [], {
      env: { PATH: process.env.PATH ?? '', CNI_COMMAND: 'VERSION' },
      input: '{"cniVersion":"1.0.0"}',
    });
    expect(version.status, version.stderr.toString()).toBe(0);
    expect(JSON.parse(version.stdout.toString())).toMatchObject({ cniVersion: '1.0.0' });

    const refused = recordingIo();
    expect(await runPluginsCommand(['install', project], refused.io, { bundleDir: bundle, nativeDir })).toBe(
      2,
    );
    expect(refused.out.stderr).toMatch(/"type": "module".*install into another directory/);
  }, 60_000);
});
