import { describe, expect, it } from 'vitest';
import { getRequirement } from '../../src/spec/requirements.ts';
import type { CniVersion } from '../../src/spec/versions.ts';
import { planCases } from '../../suites/support/applicability.ts';

const ALL: CniVersion[] = ['0.1.0', '0.2.0', '0.3.0', '0.3.1', '0.4.0', '1.0.0'];
const target = {
  role: 'main' as const,
  profile: 'compat' as const,
  advertisedVersions: ALL,
  selectedVersions: ALL,
};

describe('planCases', () => {
  it('fans out over every selected version, skipping those that do not allow a verb', () => {
    const cases = planCases({ verbs: ['CHECK'] }, [getRequirement('P-ENV-1')], target);
    expect(cases.map((c) => [c.version, c.skip?.split(':')[0]])).toEqual([
      ['0.1.0', 'verb-not-allowed'],
      ['0.2.0', 'verb-not-allowed'],
      ['0.3.0', 'verb-not-allowed'],
      ['0.3.1', 'verb-not-allowed'],
      ['0.4.0', undefined],
      ['1.0.0', undefined],
    ]);
  });

  it('skips versions at which the requirement does not exist', () => {
    const cases = planCases({}, [getRequirement('P-ADD-3')], target);
    expect(cases.filter((c) => !c.skip).map((c) => c.version)).toEqual(['1.0.0']);
    expect(cases[0]?.skip).toMatch(/^not-in-version: .*P-ADD-3 applies from 1\.0\.0/);
  });

  it('picks the newest fitting version for "latest"', () => {
    expect(planCases({ versions: 'latest' }, [getRequirement('P-ENV-1')], target)).toEqual([
      { version: '1.0.0', skip: undefined },
    ]);
  });

  it('gives one skipped case when no version fits', () => {
    const [only] = planCases({ versions: 'latest', verbs: ['GC'] }, [getRequirement('P-GC-1')], target);
    expect(only).toEqual({ version: undefined, skip: 'no-version: no selected version satisfies the check' });
  });

  it('skips the whole check for another role or profile', () => {
    const cases = planCases({ roles: ['ipam'] }, [getRequirement('P-ENV-1')], target);
    expect(new Set(cases.map((c) => c.skip?.split(':')[0]))).toEqual(new Set(['role-mismatch']));
    const strictOnly = planCases(
      { versions: 'none', profiles: ['strict'] },
      [getRequirement('P-ENV-1')],
      target,
    );
    expect(strictOnly[0]?.skip).toMatch(/^profile-mismatch/);
  });

  it('marks explicit versions the plugin does not advertise', () => {
    const narrow = { ...target, advertisedVersions: ['1.0.0'], selectedVersions: ['1.0.0'] as CniVersion[] };
    const cases = planCases({ versions: ['0.4.0', '1.0.0'] }, [getRequirement('P-ENV-1')], narrow);
    expect(cases.map((c) => c.skip?.split(':')[0])).toEqual(['not-advertised', undefined]);
  });

  it('does not skip for advertising when the VERSION probe failed', () => {
    const unknown = { ...target, advertisedVersions: [], selectedVersions: ['1.0.0'] as CniVersion[] };
    expect(planCases({}, [getRequirement('P-ENV-1')], unknown)).toEqual([
      { version: '1.0.0', skip: undefined },
    ]);
  });
});
