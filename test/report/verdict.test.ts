import { describe, expect, it } from 'vitest';
import { judge, type VerdictInput } from '../../src/report/verdict.ts';
import type { Level } from '../../src/spec/requirements.ts';

const failed = (level: Level, extra: Partial<VerdictInput> = {}): VerdictInput => ({
  outcome: 'failed',
  level,
  profile: 'compat',
  failOn: 'should',
  ...extra,
});

describe('judge', () => {
  it('passes and skips whatever the level', () => {
    expect(judge({ ...failed('MUST'), outcome: 'passed' })).toBe('pass');
    expect(judge({ ...failed('MUST'), outcome: 'skipped' })).toBe('skip');
  });

  describe('when a check fails', () => {
    it.each([
      ['MUST', 'should', 'compat', 'fail'],
      ['MUST', 'must', 'strict', 'fail'],
      ['SHOULD', 'should', 'compat', 'fail'],
      ['SHOULD', 'must', 'compat', 'warn'],
      ['MAY', 'should', 'strict', 'info'],
      ['IMPL', 'should', 'compat', 'warn'],
      ['IMPL', 'should', 'strict', 'info'],
      ['INFO', 'should', 'compat', 'info'],
    ] as const)('judges %s with --fail-on %s in %s as %s', (level, failOn, profile, verdict) => {
      expect(judge(failed(level, { failOn, profile }))).toBe(verdict);
    });

    it('keeps a known upstream bug a failure, and makes it a warning only when --accept-known accepts it', () => {
      expect(judge(failed('MUST'))).toBe('fail');
      expect(judge(failed('MUST', { acceptedKnownBug: true }))).toBe('warn');
      expect(judge(failed('MAY', { acceptedKnownBug: true }))).toBe('info');
    });

    it('reports a harness error as an error, not as the plugin failing', () => {
      expect(judge(failed('MUST', { harnessError: true }))).toBe('error');
    });
  });
});
