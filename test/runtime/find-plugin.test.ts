import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findPlugin, parseCniPath } from '../../src/runtime/find-plugin.ts';
import { installFakePlugins, makeScratchDirs, type ScratchDirs } from './support/temp-dirs.ts';

describe('findPlugin', () => {
  let dirs: ScratchDirs;
  beforeEach(async () => {
    dirs = await makeScratchDirs();
  });
  afterEach(() => dirs.cleanup());

  it('returns the first directory holding a regular file of that name', async () => {
    const [first, second] = [join(dirs.root, 'one'), join(dirs.root, 'two')];
    await mkdir(first);
    await mkdir(second);
    await mkdir(join(first, 'spy')); // a directory is not a plugin
    await installFakePlugins(second, ['spy']);
    await installFakePlugins(dirs.binDir, ['spy']);
    expect(await findPlugin('spy', [first, second, dirs.binDir])).toEqual({
      ok: true,
      path: join(second, 'spy'),
    });
  });

  it('refuses names with a path separator and reports a missing plugin with the path searched', async () => {
    expect(await findPlugin('../bin/sh', [dirs.binDir])).toEqual({
      ok: false,
      reason: 'invalid plugin name: ../bin/sh',
    });
    expect(await findPlugin('nope', [dirs.binDir])).toEqual({
      ok: false,
      reason: `failed to find plugin "nope" in path [${dirs.binDir}]`,
    });
  });

  it('splits CNI_PATH on colons', () => {
    expect(parseCniPath('/a::/b')).toEqual(['/a', '/b']);
  });
});
