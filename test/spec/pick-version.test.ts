import { describe, expect, it } from 'vitest';
import { pickVersion } from '../../src/spec/pick-version.ts';

describe('pickVersion (R-CFG-1)', () => {
  it('picks the highest supported of cniVersion ∪ cniVersions, dropping versions above the maximum', () => {
    const picked = pickVersion({ cniVersion: '0.4.0', cniVersions: ['0.3.1', '1.0.0', '1.1.0', '9.9.9'] });
    expect(picked).toEqual({ ok: true, value: '1.1.0' });
  });

  it('honours a narrower supported set (e.g. what the plugins advertise)', () => {
    const picked = pickVersion({ cniVersion: '0.4.0', cniVersions: ['1.0.0', '1.1.0'] }, ['0.4.0', '1.0.0']);
    expect(picked).toEqual({ ok: true, value: '1.0.0' });
  });

  it('uses cniVersion alone when there is no cniVersions, and 0.1.0 when there is neither', () => {
    expect(pickVersion({ cniVersion: '0.3.1' })).toEqual({ ok: true, value: '0.3.1' });
    expect(pickVersion({})).toEqual({ ok: true, value: '0.1.0' });
  });

  it('rejects malformed entries with their JSON pointer', () => {
    const picked = pickVersion({ cniVersion: '1.0.0', cniVersions: ['1.0.0', '1.1', 7] });
    expect(picked).toEqual({
      ok: false,
      issues: [
        { path: '/cniVersions/1', reason: 'not a version "x.y.z": "1.1"' },
        { path: '/cniVersions/2', reason: 'not a version "x.y.z": 7' },
      ],
    });
  });

  it('rejects a cniVersions that is not an array', () => {
    expect(pickVersion({ cniVersions: '1.0.0' })).toEqual({
      ok: false,
      issues: [{ path: '/cniVersions', reason: 'must be an array of versions' }],
    });
  });

  it('fails when no listed version is supported', () => {
    const picked = pickVersion({ cniVersion: '9.9.9', cniVersions: ['2.0.0'] });
    expect(picked.ok).toBe(false);
  });
});
