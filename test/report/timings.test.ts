import { describe, expect, it } from 'vitest';
import type { CheckRecord } from '../../src/report/model.ts';
import { renderTimings } from '../../src/report/terminal/timings.ts';
import type { TranscriptEntry } from '../../src/report/transcript.ts';

const call = { type: 'plugin', verb: 'ADD' } as unknown as TranscriptEntry;
const command = { type: 'command', argv: ['ip', 'link'] } as unknown as TranscriptEntry;

function check(suite: string, durationMs: number, fields: Partial<CheckRecord> = {}): CheckRecord {
  return {
    title: `${suite} check`,
    file: `suites/${suite}.check.ts`,
    suite,
    ids: ['P-ADD-1'],
    level: 'MUST',
    specLevel: 'MUST',
    version: '1.0.0',
    outcome: 'passed',
    verdict: 'pass',
    durationMs,
    pluginMs: durationMs / 2,
    transcript: [call, call, command],
    ...fields,
  };
}

describe('--timings', () => {
  it('sums checks, plugin calls and seconds per suite, slowest first, skipped checks left out', () => {
    const text = renderTimings([
      check('fidelity/robustness', 3000),
      check('fidelity/robustness', 1000),
      check('plugin/add', 1000),
      check('plugin/del', 9000, { outcome: 'skipped', verdict: 'skip' }),
    ]);
    const lines = text.trim().split('\n');
    expect(lines[2]).toMatch(/^fidelity\/robustness +2 +4 +4\.0 +2\.0 +80 %$/);
    expect(lines[3]).toMatch(/^plugin\/add +1 +2 +1\.0 +0\.5 +20 %$/);
    expect(lines[4]).toMatch(/^total +3 +6 +5\.0 +2\.5 +100 %$/);
    expect(text).not.toContain('plugin/del');
  });
});
