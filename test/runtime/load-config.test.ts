import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isHarnessError } from '../../src/errors.ts';
import { loadNetworkList } from '../../src/runtime/load-config.ts';
import { makeScratchDirs, type ScratchDirs } from './support/temp-dirs.ts';

const conflist = (name: string, types: string[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({ cniVersion: '1.1.0', name, plugins: types.map((type) => ({ type })), ...extra });

describe('loadNetworkList', () => {
  let dirs: ScratchDirs;
  const put = (name: string, text: string) => writeFile(join(dirs.confDir, name), text);
  beforeEach(async () => {
    dirs = await makeScratchDirs();
  });
  afterEach(() => dirs.cleanup());

  it('takes the first .conflist by file name whose name matches', async () => {
    await put('20-b.conflist', conflist('net', ['second']));
    await put('10-a.conflist', conflist('net', ['first']));
    await put('05-other.conflist', conflist('other', ['x']));
    const list = await loadNetworkList(dirs.confDir, 'net');
    expect(list.plugins.map((plugin) => plugin.type)).toEqual(['first']);
    expect(list.file).toBe(join(dirs.confDir, '10-a.conflist'));
  });

  it('appends <confdir>/<network>/*.conf after the inlined plugins, unless loadOnlyInlinedPlugins', async () => {
    await put('10.conflist', conflist('net', ['inline']));
    await mkdir(join(dirs.confDir, 'net'));
    await writeFile(join(dirs.confDir, 'net', '2.conf'), JSON.stringify({ type: 'extra-2' }));
    await writeFile(join(dirs.confDir, 'net', '1.conf'), JSON.stringify({ type: 'extra-1' }));
    const list = await loadNetworkList(dirs.confDir, 'net');
    expect(list.plugins.map((plugin) => plugin.type)).toEqual(['inline', 'extra-1', 'extra-2']);
    expect(list.plugins[1]?.file).toBe(join(dirs.confDir, 'net', '1.conf'));

    await put('10.conflist', conflist('net', ['inline'], { loadOnlyInlinedPlugins: true }));
    expect((await loadNetworkList(dirs.confDir, 'net')).plugins.map((plugin) => plugin.type)).toEqual([
      'inline',
    ]);
  });

  it('builds a list from aggregated plugins alone when `plugins` is absent', async () => {
    await put('10.conflist', JSON.stringify({ cniVersion: '1.1.0', name: 'net' }));
    await mkdir(join(dirs.confDir, 'net'));
    await writeFile(join(dirs.confDir, 'net', 'a.conf'), JSON.stringify({ type: 'only' }));
    expect((await loadNetworkList(dirs.confDir, 'net')).plugins.map((plugin) => plugin.type)).toEqual([
      'only',
    ]);
  });

  it('up-converts a legacy single-plugin .conf', async () => {
    await put(
      '10.conf',
      JSON.stringify({ cniVersion: '0.3.1', name: 'legacy', type: 'bridge', bridge: 'br9' }),
    );
    const list = await loadNetworkList(dirs.confDir, 'legacy');
    expect(list).toMatchObject({ name: 'legacy', cniVersion: '0.3.1' });
    expect(list.plugins[0]?.config).toEqual({
      cniVersion: '0.3.1',
      name: 'legacy',
      type: 'bridge',
      bridge: 'br9',
    });
  });

  it.each([
    ['an empty plugins list', conflist('net', []), '/plugins: Too small'],
    [
      'a plugin without type',
      JSON.stringify({ cniVersion: '1.0.0', name: 'net', plugins: [{}] }),
      '/plugins/0/type',
    ],
    ['an invalid network name', conflist('bad name', ['a']), '/name: must match'],
    [
      'loadOnlyInlinedPlugins without plugins',
      JSON.stringify({ name: 'net', loadOnlyInlinedPlugins: true }),
      '/loadOnlyInlinedPlugins: is true but the list has no "plugins"',
    ],
    ['a bad cniVersions entry', conflist('net', ['a'], { cniVersions: ['1.x'] }), '/cniVersions/0'],
  ])('throws CONFIG_INVALID for %s', async (_label, text, reason) => {
    await put('10.conflist', text);
    const error = await loadNetworkList(dirs.confDir, 'net').catch((caught: unknown) => caught);
    expect(isHarnessError(error) && error.code).toBe('CNI_CONFORMANCE_CONFIG_INVALID');
    expect((error as Error).message).toContain(reason);
  });

  it('throws FILE_NOT_FOUND naming the network and dir when nothing matches', async () => {
    await put('10.conflist', conflist('other', ['a']));
    const error = await loadNetworkList(dirs.confDir, 'net').catch((caught: unknown) => caught);
    expect(isHarnessError(error) && error.code).toBe('CNI_CONFORMANCE_FILE_NOT_FOUND');
    expect((error as Error).message).toContain(`no net configuration with name "net" in ${dirs.confDir}`);
  });
});
