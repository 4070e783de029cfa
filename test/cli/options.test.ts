import { describe, expect, it } from 'vitest';
import { buildNamePattern, buildTagsFilter } from '../../src/cli/engine.ts';
import { locatePlugin } from '../../src/cli/load-target-config.ts';
import { resolveRunOptions } from '../../src/cli/options.ts';
import { normalizeConflist } from '../../src/config-file.ts';

describe('resolveRunOptions', () => {
  it('fills the defaults', () => {
    const options = resolveRunOptions({}, '/w');
    expect(options).toMatchObject({
      profile: 'compat',
      failOn: 'should',
      timeoutMs: 30_000,
      parallel: 2,
      reportDir: '/w/reports',
      junitFile: '/w/reports/cni-conformance.junit.xml',
      jsonFile: '/w/reports/cni-conformance.json',
      htmlFile: '/w/reports/cni-conformance.html',
      sandbox: 'netns',
      versions: undefined,
      cniPath: [],
    });
  });

  it('parses lists, numbers and paths', () => {
    const options = resolveRunOptions(
      { versions: '0.4.0, 1.0.0', timeout: '2.5', parallel: '3', cniPath: 'a:/b', json: 'x.json', seed: '9' },
      '/w',
    );
    expect(options).toMatchObject({
      versions: ['0.4.0', '1.0.0'],
      timeoutMs: 2500,
      parallel: 3,
      cniPath: ['/w/a', '/b'],
      jsonFile: '/w/x.json',
      seed: 9,
    });
  });

  it.each([
    [
      { profile: 'strikt' },
      /--profile must be one of compat\|strict, got "strikt" \(did you mean strict\?\)/,
    ],
    [{ failOn: 'may' }, /--fail-on must be one of should\|must, got "may"/],
    [{ role: 'plugin' }, /--role must be one of main\|ipam\|meta/],
    [{ versions: '1.0' }, /--versions: "1\.0" is not a CNI version \(did you mean 1\.0\.0\?\)/],
    [{ timeout: '-1' }, /--timeout must be a positive number, got "-1"/],
    [{ parallel: '1.5' }, /--parallel must be a positive integer/],
    [{ only: ['P-ENV-99'] }, /--only: no requirement matches "P-ENV-99"/],
    [{ skip: ['P-NOPE-*'] }, /--skip: no requirement matches "P-NOPE-\*"/],
    [{ sandbox: 'vm' }, /--sandbox/],
    [{ image: 'debian:12' }, /--image needs --sandbox docker/],
  ])('refuses %o in one line', (raw, message) => {
    expect(() => resolveRunOptions(raw, '/w')).toThrow(message);
  });
});

describe('--only and --skip', () => {
  it('map requirement IDs and globs onto vitest tag expressions', () => {
    expect(buildTagsFilter(['P-ENV-*', 'P-VCMD-1'], ['P-ENV-3'])).toEqual([
      'P-ENV-* or P-VCMD-1',
      'not P-ENV-3',
    ]);
    expect(buildTagsFilter([], [])).toBeUndefined();
  });

  it('map other words onto a test-name pattern', () => {
    const pattern = new RegExp(buildNamePattern(['CHECK', 'P-ENV-1'], ['tamper']) ?? '');
    expect(pattern.test('P-CHK-1: CHECK passes after ADD @ 1.0.0')).toBe(true);
    expect(pattern.test('P-CHK-2: CHECK fails after tampering @ 1.0.0')).toBe(false);
    expect(pattern.test('P-DEL-2: DEL twice')).toBe(false);
    expect(buildNamePattern(['P-ENV-1'], [])).toBeUndefined();
  });

  it('add up IDs and names mixed in --only (either selects a check), instead of requiring both', () => {
    const only = ['P-DEL-*', 'P-ENV-1', 'malformed stdin'];
    expect(buildTagsFilter(only, ['P-DEL-3'])).toEqual(['not P-DEL-3']);
    const pattern = new RegExp(buildNamePattern(only, []) ?? '');
    expect(pattern.test('P-DLG-3, P-DEL-1: when the IPAM delegate fails @ 1.0.0')).toBe(true);
    expect(pattern.test('P-ENV-1: CNI_COMMAND is required @ 1.0.0')).toBe(true);
    expect(pattern.test('P-ERR-1, P-CONF-1: malformed stdin is rejected cleanly @ 1.0.0')).toBe(true);
    expect(pattern.test('P-ENV-10: something else @ 1.0.0')).toBe(false);
    expect(pattern.test('P-ADD-1: a successful ADD @ 1.0.0')).toBe(false);
  });
});

describe('locating the plugin in its config', () => {
  const conflist = normalizeConflist(
    {
      cniVersion: '1.0.0',
      name: 'n',
      plugins: [{ type: 'bridge', ipam: { type: 'host-local' } }, { type: 'tuning' }],
    },
    'net.conflist',
  );

  it('infers main, ipam and meta roles', () => {
    expect(locatePlugin(conflist, 'bridge', 'f')).toMatchObject({ pluginIndex: 0, role: 'main' });
    expect(locatePlugin(conflist, 'host-local', 'f')).toMatchObject({ pluginIndex: 0, role: 'ipam' });
    expect(locatePlugin(conflist, 'tuning', 'f')).toMatchObject({ pluginIndex: 1, role: 'meta' });
    expect(locatePlugin(conflist, 'tuning', 'f', 'main').role).toBe('main');
  });

  it('upconverts a single .conf as libcni does', () => {
    expect(normalizeConflist({ cniVersion: '0.4.0', name: 'x', type: 'ptp', mtu: 1400 }, 'x.conf')).toEqual({
      cniVersion: '0.4.0',
      name: 'x',
      plugins: [{ type: 'ptp', mtu: 1400 }],
    });
  });

  it('names the plugin and the types present when the config does not hold it', () => {
    expect(() => locatePlugin(conflist, 'ptp', 'net.conflist')).toThrow(
      'config net.conflist does not name plugin "ptp" (types: bridge, tuning)',
    );
    expect(() => normalizeConflist([], 'a.json')).toThrow('config is not a JSON object: a.json');
    expect(() => normalizeConflist({ name: 'x', plugins: [] }, 'b.json')).toThrow(
      '/plugins must be a non-empty list',
    );
  });
});
