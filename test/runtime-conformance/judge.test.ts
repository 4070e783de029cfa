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

type Json = Record<string, unknown>;

/** Adds scenario-line fields, operation lines and per-record fields to a built log. */
function amend(
  text: string,
  scenario: Json,
  options: { operations?: readonly Json[]; records?: (record: Json, index: number) => Json } = {},
): string {
  let index = -1;
  const lines = text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Json)
    .map((line) => {
      if (line.kind === 'scenario') return { ...line, ...scenario };
      index += 1;
      return options.records ? options.records(line, index) : line;
    });
  const operations = (options.operations ?? []).map((op) => ({ kind: 'operation', ...op }));
  return `${[...lines, ...operations].map((line) => JSON.stringify(line)).join('\n')}\n`;
}

/** One verb over the given plugins of `net`, each answering with its own result on ADD. */
function chain(log: LogBuilder, verb: string, types: readonly string[], base: Json): LogBuilder {
  for (const type of types)
    log.call({ type, verb, stdin: { type, ...base }, ...(verb === 'ADD' ? { stdout: result(type) } : {}) });
  return log;
}

describe('judging where plugins come from and what requests carry', () => {
  const base = { name: 'net', cniVersion: '1.1.0' };
  const findings = (text: string, id: string) => judge(text).findings.filter((f) => f.id === id);

  describe('R-CFG-4 (sibling-dir plugin configs)', () => {
    const aggregated = { aggregated: { net: [{ type: 'x' }] } };

    it('passes when the sibling plugin runs last on ADD and first on DEL', () => {
      const log = chain(
        chain(new LogBuilder(network), 'ADD', ['a', 'b', 'x'], base),
        'DEL',
        ['x', 'b', 'a'],
        base,
      );
      expect(verdicts(amend(log.text(), aggregated), 'R-CFG-4')).toEqual(['pass']);
    });

    it('fails when the sibling plugin is never run', () => {
      const log = chain(chain(new LogBuilder(network), 'ADD', ['a', 'b'], base), 'DEL', ['b', 'a'], base);
      expect(verdicts(amend(log.text(), aggregated), 'R-CFG-4')).toEqual(['fail']);
    });

    it('fails when loadOnlyInlinedPlugins is set and the sibling plugin still runs', () => {
      const inlinedOnly = { ...network, loadOnlyInlinedPlugins: true };
      const log = chain(new LogBuilder(inlinedOnly), 'ADD', ['a', 'b', 'x'], base);
      expect(verdicts(amend(log.text(), aggregated), 'R-CFG-4')).toEqual(['fail']);
    });

    it('skips, with the reason, for a runtime that stops below CNI 1.1.0', () => {
      const log = chain(new LogBuilder(network), 'ADD', ['a', 'b'], base);
      const [finding] = findings(amend(log.text(), { ...aggregated, maxVersion: '1.0.0' }), 'R-CFG-4');
      expect(finding).toMatchObject({ verdict: 'skip', message: expect.stringMatching(/up to 1\.0\.0/) });
    });
  });

  describe('R-ENV-7 (CNI_PATH search)', () => {
    it('fails when a plugin in two directories runs from the second', () => {
      const log = chain(new LogBuilder(network), 'ADD', ['a', 'b'], base);
      const tagged = amend(
        log.text(),
        { shadowedTypes: ['a', 'b'] },
        {
          records: (record, index) => (index === 0 ? { ...record, cniPathIndex: 1 } : record),
        },
      );
      expect(verdicts(tagged, 'R-ENV-7')).toEqual(['fail', 'skip']);
      expect(verdicts(amend(log.text(), { shadowedTypes: ['a', 'b'] }), 'R-ENV-7')).toEqual(['pass', 'skip']);
    });

    const withMissing = { ...network, plugins: [{ type: 'a' }, { type: 'm' }, { type: 'b' }] };
    const addLine = (ok: boolean) => ({
      op: 'ADD',
      network: 'net',
      containerId: 'c1',
      ifname: 'eth0',
      tsStart: 0,
      tsEnd: 1,
      ok,
    });

    it('passes when ADD stops at the missing plugin and fails', () => {
      const log = chain(new LogBuilder(withMissing), 'ADD', ['a'], base);
      const text = amend(log.text(), { missingTypes: ['m'] }, { operations: [addLine(false)] });
      expect(verdicts(text, 'R-ENV-7')).toEqual(['skip', 'pass']);
    });

    it('fails when the plugin after the missing one still runs, or ADD reports success', () => {
      const log = chain(new LogBuilder(withMissing), 'ADD', ['a', 'b'], base);
      const [, finding] = findings(
        amend(log.text(), { missingTypes: ['m'] }, { operations: [addLine(true)] }),
        'R-ENV-7',
      );
      expect(finding?.verdict).toBe('fail');
      expect(finding?.violations).toHaveLength(2);
    });
  });

  describe('R-REQ-7 (runtime-reserved keys)', () => {
    const authored = {
      ...network,
      plugins: [{ type: 'a', args: { cni: { ips: ['10.0.0.9'] } }, 'cni.dev/x': 1 }, { type: 'b' }],
    };

    it('fails when authored args and cni.dev/* keys reach the plugin unchanged', () => {
      const log = new LogBuilder(authored).call({ type: 'a', verb: 'ADD', stdout: result('a') });
      expect(findings(log.text(), 'R-REQ-7')[0]).toMatchObject({
        verdict: 'fail',
        message: expect.stringMatching(/authored args, cni\.dev\/x passed through/),
      });
    });

    it('passes when the runtime leaves them out', () => {
      const log = new LogBuilder(authored).call({
        type: 'a',
        verb: 'ADD',
        stdin: { type: 'a', ...base },
        stdout: result('a'),
      });
      expect(verdicts(log.text(), 'R-REQ-7')).toEqual(['pass']);
    });
  });

  describe('R-REQ-8 (prevResult in the list version)', () => {
    const v040 = { cniVersion: '0.4.0', name: 'net', plugins: [{ type: 'a' }] };
    const base040 = { name: 'net', cniVersion: '0.4.0' };
    const raw = { cniVersion: '1.0.0', ips: [{ address: '10.0.0.2/24' }] };
    const converted = { cniVersion: '0.4.0', ips: [{ version: '4', address: '10.0.0.2/24' }] };
    const lifecycle = (prevResult: Json) =>
      new LogBuilder(v040)
        .call({ type: 'a', verb: 'ADD', stdin: { type: 'a', ...base040 }, stdout: raw })
        .call({ type: 'a', verb: 'DEL', stdin: { type: 'a', ...base040, prevResult } })
        .text();

    it('fails an unconverted prevResult (SHOULD: the plugin parses it in the config version, cni#701)', () => {
      expect(verdicts(lifecycle(raw), 'R-REQ-8')).toEqual(['fail']);
      expect(judge(lifecycle(raw)).failed).toBe(true);
    });

    it('passes a converted prevResult, which R-DEL-2 accepts as the cached result', () => {
      expect(verdicts(lifecycle(converted), 'R-REQ-8')).toEqual(['pass']);
      expect(verdicts(lifecycle(converted), 'R-DEL-2')).toEqual(['pass']);
    });
  });

  describe('R-DEL-4 (cache file on disk)', () => {
    const line = (op: string, present: boolean, at: number) => ({
      op,
      network: 'net',
      containerId: 'c1',
      ifname: 'eth0',
      tsStart: at,
      tsEnd: at + 1,
      ok: true,
      cacheFile: { path: '/cache/results/net-c1-eth0', present },
    });
    const onDisk = (delLeavesFile: boolean) =>
      amend(
        correctLifecycle().text(),
        { cacheDir: '/cache' },
        { operations: [line('ADD', true, 1), line('DEL', delLeavesFile, 5)] },
      );
    const direct = (text: string) => findings(text, 'R-DEL-4').find((f) => f.title.includes('on disk'));

    it('fails when the cache file is still there after a successful DEL', () => {
      expect(direct(onDisk(true))?.verdict).toBe('fail');
      expect(direct(onDisk(false))?.verdict).toBe('pass');
    });

    it('skips, with the reason, when the runtime does not expose its cache dir', () => {
      expect(direct(correctLifecycle().text())).toMatchObject({
        verdict: 'skip',
        message: 'the runtime does not expose its result cache dir',
      });
    });
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
