import { describe, expect, it } from 'vitest';
import { type CheckRecord, computeOverhead, exitCodeOf, pluginWallUnionMs } from '../../src/report/model.ts';
import type { PluginCallRecord } from '../../src/report/transcript.ts';

function call(startedAtMs: number, durationMs: number): PluginCallRecord {
  return {
    type: 'plugin',
    verb: 'ADD',
    file: '/p',
    env: {},
    stdin: '',
    kind: 'ok',
    stdout: '',
    stderr: '',
    exitCode: 0,
    signal: null,
    startedAtMs,
    durationMs,
  };
}

function record(verdict: CheckRecord['verdict'], transcript: PluginCallRecord[] = []): CheckRecord {
  return {
    title: 't',
    file: 'f',
    suite: 's',
    ids: [],
    level: 'MUST',
    specLevel: 'MUST',
    version: undefined,
    outcome: verdict === 'pass' ? 'passed' : 'failed',
    verdict,
    durationMs: 0,
    pluginMs: 0,
    transcript,
  };
}

describe('report model', () => {
  it('counts overlapping plugin calls once in the plugin wall time', () => {
    const checks = [
      record('pass', [call(0, 100), call(50, 100)]),
      record('pass', [call(120, 10), call(300, 50)]),
    ];
    expect(pluginWallUnionMs(checks)).toBe(200);
    expect(computeOverhead(400, checks)).toEqual({ suiteWallMs: 400, pluginWallMs: 200, ratio: 2 });
  });

  it('has no ratio when no plugin ran', () => {
    expect(computeOverhead(10, []).ratio).toBeNull();
  });

  it('exits 1 on fail or error, 0 on warnings, 2 on a setup error', () => {
    expect(exitCodeOf([record('pass'), record('warn'), record('info')], undefined)).toBe(0);
    expect(exitCodeOf([record('pass'), record('fail')], undefined)).toBe(1);
    expect(exitCodeOf([record('error')], undefined)).toBe(1);
    expect(exitCodeOf([], 'plugin not found: x')).toBe(2);
  });
});
