import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
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
    expect(out.stdout).toBe(`installed bridge, host-local, loopback into ${target}\n`);
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

describe('plugins install under an ESM package', () => {
  it('marks the target CommonJS so the installed plugins still run, and refuses a target that is itself ESM', async () => {
    const bundle = await buildPlugins();
    const project = join(scratch.path, 'project');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), '{ "type": "module" }\n');
    const target = join(project, 'bin');
    expect(await runPluginsCommand(['install', target], recordingIo().io, { bundleDir: bundle })).toBe(0);
    const version = spawnSync(join(target, 'loopback'), [], {
      env: { PATH: process.env.PATH ?? '', CNI_COMMAND: 'VERSION' },
      input: '{"cniVersion":"1.0.0"}',
    });
    expect(version.status, version.stderr.toString()).toBe(0);
    expect(JSON.parse(version.stdout.toString())).toMatchObject({ cniVersion: '1.0.0' });

    const refused = recordingIo();
    expect(await runPluginsCommand(['install', project], refused.io, { bundleDir: bundle })).toBe(2);
    expect(refused.out.stderr).toMatch(/"type": "module".*install into another directory/);
  }, 60_000);
});
