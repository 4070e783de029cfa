import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runRuntimeCommand } from '../../src/cli/runtime-command.ts';
import { judgeRuntimeLog } from '../../src/runtime-conformance/judge.ts';
import { parseRuntimeLog } from '../../src/runtime-conformance/log.ts';
import { LogBuilder } from './log-builder.ts';

const network = { cniVersion: '1.1.0', name: 'net', plugins: [{ type: 'a' }, { type: 'b' }] };
const result = (name: string) => ({ cniVersion: '1.1.0', interfaces: [{ name }] });

function judge(text: string) {
  const parsed = parseRuntimeLog(text);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return judgeRuntimeLog(parsed.value);
}

function verdicts(text: string, id: string): string[] {
  return judge(text)
    .findings.filter((f) => f.id === id)
    .map((f) => f.verdict);
}

/** A correct ADD then DEL of one attachment. */
function correctLifecycle(): LogBuilder {
  const log = new LogBuilder(network);
  const base = { name: 'net', cniVersion: '1.1.0' };
  log.call({ type: 'a', verb: 'ADD', stdout: result('a') });
  log.call({
    type: 'b',
    verb: 'ADD',
    stdin: { type: 'b', ...base, prevResult: result('a') },
    stdout: result('b'),
  });
  log.call({ type: 'b', verb: 'DEL', stdin: { type: 'b', ...base, prevResult: result('b') } });
  log.call({ type: 'a', verb: 'DEL', stdin: { type: 'a', ...base, prevResult: result('b') } });
  return log;
}

describe('judgeRuntimeLog', () => {
  it('passes a correct ADD/DEL lifecycle with no failure', () => {
    const report = judge(correctLifecycle().text());
    expect(report.findings.filter((f) => f.verdict === 'fail')).toEqual([]);
    expect(report.failed).toBe(false);
  });

  describe('when DEL runs in list order', () => {
    it('fails R-DEL-1', () => {
      const log = new LogBuilder(network);
      log.call({ type: 'a', verb: 'ADD', stdout: result('a') });
      log.call({
        type: 'b',
        verb: 'ADD',
        stdin: { type: 'b', name: 'net', cniVersion: '1.1.0', prevResult: result('a') },
        stdout: result('b'),
      });
      log.call({
        type: 'a',
        verb: 'DEL',
        stdin: { type: 'a', name: 'net', cniVersion: '1.1.0', prevResult: result('b') },
      });
      log.call({
        type: 'b',
        verb: 'DEL',
        stdin: { type: 'b', name: 'net', cniVersion: '1.1.0', prevResult: result('b') },
      });
      expect(verdicts(log.text(), 'R-DEL-1')).toEqual(['fail']);
    });
  });

  describe('when the second plugin gets the wrong prevResult', () => {
    it('fails R-REQ-5', () => {
      const log = new LogBuilder(network);
      log.call({ type: 'a', verb: 'ADD', stdout: result('a') });
      log.call({
        type: 'b',
        verb: 'ADD',
        stdin: { type: 'b', name: 'net', cniVersion: '1.1.0' },
        stdout: result('b'),
      });
      expect(verdicts(log.text(), 'R-REQ-5')).toEqual(['fail']);
    });
  });

  describe('when two calls on one container overlap', () => {
    it('fails R-LIFE-1', () => {
      const log = new LogBuilder(network);
      log.call({ type: 'a', verb: 'ADD', ifname: 'eth0', start: 100, end: 300, stdout: result('a') });
      log.call({ type: 'a', verb: 'ADD', ifname: 'eth1', start: 200, end: 400, stdout: result('a') });
      expect(verdicts(log.text(), 'R-LIFE-1')).toEqual(['fail']);
    });
  });

  describe('when GC lists a deleted attachment', () => {
    it('fails R-GC-2', () => {
      const log = correctLifecycle();
      const valid = { 'cni.dev/valid-attachments': [{ containerID: 'c1', ifname: 'eth0' }] };
      for (const type of ['a', 'b'])
        log.call({ type, verb: 'GC', stdin: { type, name: 'net', cniVersion: '1.1.0', ...valid } });
      expect(verdicts(log.text(), 'R-GC-2')).toEqual(['fail']);
    });
  });

  it('skips what the log does not exercise, with a reason', () => {
    const finding = judge(correctLifecycle().text()).findings.find((f) => f.id === 'R-GC-1');
    expect(finding).toMatchObject({ verdict: 'skip', message: 'not exercised by this log' });
  });
});

describe('parseRuntimeLog', () => {
  it('names the line of a malformed record', () => {
    const parsed = parseRuntimeLog('{"kind":"invocation"}\nnot json\n');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok)
      expect(parsed.issues.map((i) => i.path.split(':')[0])).toEqual(
        expect.arrayContaining(['line 1', 'line 2']),
      );
  });
});

describe('cni-conformance runtime judge', () => {
  it('exits 0 on a correct log and 1 with the requirement ID on a broken one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cnc-judge-'));
    const out: string[] = [];
    const io = {
      stdout: { write: (t: string) => out.push(t) },
      stderr: { write: (t: string) => out.push(t) },
    };
    try {
      await writeFile(join(dir, 'good.jsonl'), correctLifecycle().text());
      expect(await runRuntimeCommand(['judge', join(dir, 'good.jsonl')], io)).toBe(0);
      const broken = new LogBuilder(network).call({ type: 'b', verb: 'ADD', stdout: result('b') });
      await writeFile(join(dir, 'bad.jsonl'), broken.text());
      expect(await runRuntimeCommand(['judge', join(dir, 'bad.jsonl')], io)).toBe(1);
      expect(out.join('')).toMatch(/FAIL R-ADD-1 \[MUST\]/);
      expect(await runRuntimeCommand(['judge', join(dir, 'missing.jsonl')], io)).toBe(2);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
