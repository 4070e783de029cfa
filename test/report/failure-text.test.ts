import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { boundFailure, cleanFailure } from '../../src/report/failure-text.ts';
import type { CheckRecord } from '../../src/report/model.ts';
import { Progress } from '../../src/report/terminal/progress.ts';
import { renderSummaryTable } from '../../src/report/terminal/summary.ts';

function finding(fields: Partial<CheckRecord>): CheckRecord {
  return {
    title: 'P-DEL-1: DEL removes what ADD made @ 1.0.0',
    file: 'f',
    suite: 'plugin/del',
    ids: ['P-DEL-1'],
    level: 'MUST',
    specLevel: 'MUST',
    version: '1.0.0',
    outcome: 'failed',
    verdict: 'fail',
    durationMs: 1,
    pluginMs: 1,
    transcript: [],
    ...fields,
  };
}

function terminal() {
  let text = '';
  return {
    out: {
      isTTY: false,
      write: (t: string) => {
        text += t;
      },
    },
    text: () => stripVTControlCharacters(text),
  };
}

describe('failures on the terminal', () => {
  it('prints the whole failure, not just its first line', () => {
    const leaked = ['1 object(s) left behind (P-DEL-1):', '  + link cni0 (bridge) in host'].join('\n');
    const { out, text } = terminal();
    new Progress(out).onCheck(finding({ failure: leaked }));
    expect(text()).toBe(
      `✗ P-DEL-1: DEL removes what ADD made @ 1.0.0 [MUST]\n    1 object(s) left behind (P-DEL-1):\n      + link cni0 (bridge) in host\n`,
    );
  });

  it('bounds a long failure: 12 lines of at most 400 characters, then how many more', () => {
    const lines = Array.from({ length: 30 }, (_, i) => `+ address 10.0.0.${i}/24 ${'x'.repeat(500)}`);
    const shown = boundFailure(lines.join('\n'), { maxLines: 12, maxLineChars: 400 });
    expect(shown).toHaveLength(13);
    expect(shown[0]).toHaveLength(401);
    expect(shown[12]).toBe('… 18 more line(s) in the report');
  });

  it('drops the test framework’s noise from messages', () => {
    expect(cleanFailure('leases: expected +0 to be 32 // Object.is equality')).toBe(
      'leases: expected +0 to be 32',
    );
    expect(cleanFailure("Cannot read properties of undefined (reading 'ips')")).toBe(
      'expected a value with field "ips", got undefined',
    );
  });

  it('shows a requirement row at the level its finding was judged at', () => {
    const warn = finding({ ids: ['P-VCMD-2'], level: 'IMPL', specLevel: 'SHOULD', verdict: 'warn' });
    const pass = finding({
      ids: ['P-VCMD-2'],
      level: 'IMPL',
      specLevel: 'SHOULD',
      verdict: 'pass',
      version: '0.4.0',
    });
    const { out, text } = terminal();
    new Progress(out).onCheck(warn);
    const row = stripVTControlCharacters(renderSummaryTable([pass, warn])[1] ?? '');
    expect(text()).toContain('[IMPL]');
    expect(row).toMatch(/^P-VCMD-2 +IMPL /);
  });
});
