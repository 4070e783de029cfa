import { describe, expect, it } from 'vitest';
import { judgeRuntimeLog } from '../../src/runtime-conformance/judge.ts';
import { parseRuntimeLog } from '../../src/runtime-conformance/log.ts';
import { sameCniArgs } from '../../src/runtime-conformance/rules/env.ts';
import { mentionsCode } from '../../src/runtime-conformance/rules/life.ts';
import { LogBuilder } from './log-builder.ts';

const network = { cniVersion: '1.1.0', name: 'net', plugins: [{ type: 'a' }] };
const result = { cniVersion: '1.1.0', interfaces: [{ name: 'a' }] };

/** R-ENV-4 verdicts for an ADD with `addArgs` followed by a DEL with `delArgs`. */
function envFourVerdicts(addArgs: string, delArgs: string): string[] {
  const log = new LogBuilder(network).call({ type: 'a', verb: 'ADD', args: addArgs, stdout: result }).call({
    type: 'a',
    verb: 'DEL',
    args: delArgs,
    stdin: { type: 'a', name: 'net', cniVersion: '1.1.0', prevResult: result },
  });
  const parsed = parseRuntimeLog(log.text());
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return judgeRuntimeLog(parsed.value)
    .findings.filter((finding) => finding.id === 'R-ENV-4')
    .map((finding) => finding.verdict);
}

describe('CNI_ARGS comparison (R-ENV-4, R-ENV-5)', () => {
  it('treats CNI_ARGS as a set of pairs: order is not meaning', () => {
    expect(sameCniArgs('A=1;B=2', 'B=2;A=1')).toBe(true);
    expect(sameCniArgs(undefined, '')).toBe(true);
    expect(sameCniArgs('A=1;B=2', 'A=1')).toBe(false);
    expect(sameCniArgs('A=1', 'A=2')).toBe(false);
  });

  it('passes a DEL whose CNI_ARGS holds the ADD pairs in another order (go-cni builds them from a map)', () => {
    expect(envFourVerdicts('IgnoreUnknown=1;K8S_POD_NAME=p', 'K8S_POD_NAME=p;IgnoreUnknown=1')).not.toContain(
      'fail',
    );
  });

  it('fails a DEL that drops or changes a pair', () => {
    expect(envFourVerdicts('IgnoreUnknown=1;K8S_POD_NAME=p', 'IgnoreUnknown=1')).toContain('fail');
    expect(envFourVerdicts('K8S_POD_NAME=p', 'K8S_POD_NAME=q')).toContain('fail');
  });
});

describe('error codes in a runtime error text (R-ERR-1)', () => {
  it('counts the code only as a number of its own', () => {
    expect(mentionsCode('plugin type="spy-b" failed (add): code 7: bad config', 7)).toBe(true);
    expect(mentionsCode('error code=11 (try again later)', 11)).toBe(true);
    expect(mentionsCode(`sandbox ${'7f'.repeat(32)} failed`, 7)).toBe(false);
    expect(mentionsCode('time="2026-11-27T16:00:07Z" level=error msg="invalid config"', 7)).toBe(false);
    expect(mentionsCode('exit status 17', 7)).toBe(false);
    expect(mentionsCode('took 7.5 s', 7)).toBe(false);
    expect(mentionsCode('error:7', 7)).toBe(true);
  });
});
