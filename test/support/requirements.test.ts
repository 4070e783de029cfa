import { describe, expect, it } from 'vitest';
import { findRequirement, REQUIREMENTS, requirementAppliesAt } from '../../src/spec/requirements.ts';

describe('requirements catalogue', () => {
  it('has unique IDs, each spelled side-area-number', () => {
    const ids = REQUIREMENTS.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => !/^[PR]-[A-Z]+-\d+$/.test(id))).toEqual([]);
  });

  it('derives the level from the tag', () => {
    expect(findRequirement('P-ENV-2')).toMatchObject({ level: 'MUST', implPart: true });
    expect(findRequirement('P-ADD-4')).toMatchObject({ level: 'IMPL' });
    expect(findRequirement('P-VCMD-2')).toMatchObject({ level: 'SHOULD', side: 'plugin', area: 'VCMD' });
    expect(findRequirement('R-GC-4')).toMatchObject({ level: 'MUST', side: 'runtime' });
    expect(findRequirement('P-GC-5')).toMatchObject({ level: 'INFO' });
  });

  it('scopes requirements to the versions that have them', () => {
    const check = findRequirement('P-CHK-1');
    const legacy = findRequirement('P-RES-3');
    if (!check || !legacy) throw new Error('missing');
    expect(requirementAppliesAt(check, '0.3.1')).toBe(false);
    expect(requirementAppliesAt(check, '0.4.0')).toBe(true);
    expect(requirementAppliesAt(legacy, '0.2.0')).toBe(true);
    expect(requirementAppliesAt(legacy, '0.3.0')).toBe(false);
  });
});
