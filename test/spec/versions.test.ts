import { describe, expect, it } from 'vitest';
import {
  CNI_VERSIONS,
  compareVersions,
  familyOf,
  verbAllowed,
  versionsAllowing,
} from '../../src/spec/versions.ts';

describe('versions', () => {
  it('orders the released versions oldest first', () => {
    const sorted = [...CNI_VERSIONS].sort(compareVersions);
    expect(sorted).toEqual([...CNI_VERSIONS]);
  });

  it('sorts unparsable versions before every valid one', () => {
    expect(compareVersions('1.1', '0.1.0')).toBeLessThan(0);
    expect(compareVersions('0.1.0', 'x')).toBeGreaterThan(0);
  });

  it('maps versions to the shape families of cni pkg/types', () => {
    expect(CNI_VERSIONS.map(familyOf)).toEqual(['v020', 'v020', 'v040', 'v040', 'v040', 'v100', 'v100']);
  });

  it('gates CHECK at 0.4.0 and GC and STATUS at 1.1.0', () => {
    expect(verbAllowed('CHECK', '0.3.1')).toBe(false);
    expect(verbAllowed('CHECK', '0.4.0')).toBe(true);
    expect(versionsAllowing('GC')).toEqual(['1.1.0']);
    expect(versionsAllowing('STATUS')).toEqual(['1.1.0']);
    expect(versionsAllowing('VERSION')[0]).toBe('0.2.0');
  });
});
