import { describe, expect, it } from 'vitest';
import { parseNetworkConfigList } from '../../src/runtime/network-config.ts';

const parse = (raw: Record<string, unknown>) =>
  parseNetworkConfigList(JSON.stringify({ name: 'n', plugins: [{ type: 'a' }], ...raw }));

describe('parseNetworkConfigList', () => {
  describe('version selection', () => {
    it('picks the highest supported of cniVersion ∪ cniVersions, dropping unknown ones (R-CFG-1)', () => {
      const parsed = parse({ cniVersion: '0.4.0', cniVersions: ['0.3.1', '1.0.0', '1.1.0', '9.9.9'] });
      expect(parsed.ok && parsed.value.cniVersion).toBe('1.1.0');
      expect(parsed.ok && parsed.value.candidateVersions).toEqual(['1.1.0', '1.0.0', '0.4.0', '0.3.1']);
    });

    it('passes a lone unsupported cniVersion through so the plugin can refuse it', () => {
      const parsed = parse({ cniVersion: '9.9.9' });
      expect(parsed.ok && parsed.value.cniVersion).toBe('9.9.9');
    });

    it('assumes 0.1.0 without any version', () => {
      const parsed = parse({});
      expect(parsed.ok && parsed.value.cniVersion).toBe('0.1.0');
    });
  });

  it('reads disableCheck as a boolean or the "true"/"false" strings of 0.4.0', () => {
    const parsed = parse({ disableCheck: 'true', disableGC: true, loadOnlyInlinedPlugins: false });
    expect(parsed.ok && parsed.value).toMatchObject({
      disableCheck: true,
      disableGC: true,
      loadOnlyInlinedPlugins: false,
    });
    const bad = parse({ disableCheck: 'yes' });
    expect(!bad.ok && bad.issues[0]?.path).toBe('/disableCheck');
  });

  it('reports every issue with its JSON path', () => {
    const parsed = parseNetworkConfigList(JSON.stringify({ name: 7, cniVersion: 1, plugins: {} }));
    expect(!parsed.ok && parsed.issues.map((issue) => issue.path)).toEqual([
      '/cniVersion',
      '/name',
      '/plugins',
    ]);
  });
});
