/**
 * Runtime rules take their level from the requirement catalogue by typed ID; only an aspect the digest levels
 * apart ("MUST for CHECK; SHOULD for DEL") states its own.
 */
import { describe, expect, it } from 'vitest';
import { RUNTIME_RULES } from '../../src/runtime-conformance/judge.ts';
import { atLeast, defineRule } from '../../src/runtime-conformance/rules/rule.ts';
import { getRequirement } from '../../src/spec/requirements.ts';

const noCase = () => ({ checked: 0, violations: [] });

describe('defineRule', () => {
  it('takes the level from the catalogue', () => {
    expect(defineRule({ id: 'R-STAT-1', title: 'x', judge: noCase }).level).toBe('MAY');
    expect(defineRule({ id: 'R-LIFE-3', title: 'x', judge: noCase }).level).toBe('SHOULD');
  });

  it('keeps an aspect level the digest gives apart', () => {
    const rule = defineRule({ id: 'R-ENV-4', aspectLevel: 'SHOULD', title: 'x', judge: noCase });
    expect(rule).toMatchObject({ id: 'R-ENV-4', level: 'SHOULD' });
  });

  it('is how every runtime rule gets its level', () => {
    const apart = RUNTIME_RULES.filter((rule) => rule.level !== getRequirement(rule.id).level);
    expect(apart.map((rule) => `${rule.id} ${rule.title}`)).toEqual([
      "R-ENV-4 DEL reuses the ADD's CNI_NETNS and CNI_ARGS",
    ]);
  });
});

describe('atLeast', () => {
  it('orders versions as compareVersions does, and a missing or malformed version is below all', () => {
    expect(atLeast('1.0.0', '0.4.0')).toBe(true);
    expect(atLeast('0.4.0', '0.4.0')).toBe(true);
    expect(atLeast('0.3.1', '0.4.0')).toBe(false);
    expect(atLeast('0.10.0', '0.4.0')).toBe(true);
    expect(atLeast(undefined, '0.1.0')).toBe(false);
    expect(atLeast('latest', '0.1.0')).toBe(false);
  });
});
