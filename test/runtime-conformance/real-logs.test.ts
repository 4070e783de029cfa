/**
 * Logs of real runtimes in front of real plugins: delegated calls, list members without a recorder, a BOM, an
 * unknown line kind, a `.conf` network, an empty file, a second scenario line.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRuntimeCommand } from '../../src/cli/runtime-command.ts';
import { judgeRules, judgeRuntimeLog, RUNTIME_RULES } from '../../src/runtime-conformance/judge.ts';
import { parseRuntimeLog } from '../../src/runtime-conformance/log.ts';
import { LogBuilder } from './log-builder.ts';

const bridge = { type: 'bridge', bridge: 'cni0', ipam: { type: 'host-local', subnet: '10.1.0.0/24' } };
const network = { cniVersion: '1.0.0', name: 'net', plugins: [bridge, { type: 'portmap' }] };
const base = { name: 'net', cniVersion: '1.0.0' };
const result = (name: string) => ({ cniVersion: '1.0.0', interfaces: [{ name }] });

function report(text: string, networks?: Record<string, unknown>[]) {
  const parsed = parseRuntimeLog(text);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return judgeRuntimeLog(parsed.value, networks ? { networks } : {});
}

const verdictsOf = (text: string, id: string, networks?: Record<string, unknown>[]) =>
  report(text, networks)
    .findings.filter((f) => f.id === id)
    .map((f) => f.verdict);

/** bridge ADD running host-local, then portmap; DEL in reverse, bridge running host-local DEL. */
function delegatingLifecycle(
  options: { ppid?: 'recorded' | 'missing'; ipamExit?: number; withScenario?: boolean } = {},
) {
  const log = new LogBuilder(network, options.withScenario ?? true);
  const bridgeIn = { ...bridge, ...base };
  const ppid = (parent: number) => (options.ppid === 'missing' ? null : parent);
  log.call({
    type: 'bridge',
    verb: 'ADD',
    stdin: bridgeIn,
    stdout: result('bridge'),
    start: 100,
    end: 200,
    pid: 10,
  });
  log.call({
    type: 'host-local',
    verb: 'ADD',
    stdin: bridgeIn,
    start: 120,
    end: 150,
    pid: 11,
    ppid: ppid(10),
    exitCode: options.ipamExit ?? 0,
  });
  log.call({
    type: 'portmap',
    verb: 'ADD',
    stdin: { type: 'portmap', ...base, prevResult: result('bridge') },
    stdout: result('bridge'),
    start: 210,
    end: 220,
  });
  log.call({
    type: 'portmap',
    verb: 'DEL',
    stdin: { type: 'portmap', ...base, prevResult: result('bridge') },
    start: 300,
    end: 310,
  });
  const bridgeDel = { ...bridgeIn, prevResult: result('bridge') };
  log.call({ type: 'bridge', verb: 'DEL', stdin: bridgeDel, start: 320, end: 400, pid: 20 });
  log.call({
    type: 'host-local',
    verb: 'DEL',
    stdin: bridgeDel,
    start: 330,
    end: 350,
    pid: 21,
    ppid: ppid(20),
  });
  return log;
}

describe('a delegated call (bridge running host-local)', () => {
  it.each(['recorded', 'missing'] as const)('is judged by P-DLG, not as a runtime call (ppid %s)', (ppid) => {
    const judged = report(delegatingLifecycle({ ppid }).text());
    expect(judged.findings.filter((f) => f.verdict === 'fail')).toEqual([]);
    for (const id of ['R-ADD-1', 'R-DEL-1', 'R-REQ-5', 'R-LIFE-1', 'P-DLG-2'])
      expect(judged.findings.filter((f) => f.id === id).map((f) => f.verdict)).toContain('pass');
  });

  it('fails P-DLG-3 when the delegate failed and its caller still succeeded', () => {
    expect(verdictsOf(delegatingLifecycle({ ipamExit: 1 }).text(), 'P-DLG-3')).toEqual(['fail']);
  });

  it('fails P-DLG-2 when the delegate got another config', () => {
    const log = new LogBuilder(network);
    log.call({ type: 'bridge', verb: 'ADD', stdin: { ...bridge, ...base }, start: 100, end: 200, pid: 10 });
    log.call({
      type: 'host-local',
      verb: 'ADD',
      stdin: { type: 'host-local' },
      start: 120,
      end: 150,
      ppid: 10,
    });
    expect(verdictsOf(log.text(), 'P-DLG-2')).toEqual(['fail']);
  });
});

describe('a list member that left no record', () => {
  const withoutPortmap = () => {
    const log = new LogBuilder(network, false);
    log.call({ type: 'bridge', verb: 'ADD', stdin: { ...bridge, ...base }, stdout: result('bridge') });
    log.call({ type: 'bridge', verb: 'DEL', stdin: { ...bridge, ...base, prevResult: result('bridge') } });
    return log.text();
  };

  it('is named once per operation, and the rules that need it skip instead of failing', () => {
    const judged = report(withoutPortmap(), [network]);
    expect(judged.findings.filter((f) => f.verdict === 'fail')).toEqual([]);
    expect(judged.notes).toEqual([
      expect.stringMatching(/^ADD net cid=c1 if=eth0: portmap left no record/),
      expect.stringMatching(/^DEL net cid=c1 if=eth0: portmap left no record/),
    ]);
    for (const id of ['R-ADD-1', 'R-DEL-1', 'R-ADD-2', 'R-DEL-2'])
      expect(verdictsOf(withoutPortmap(), id, [network]).every((v) => v === 'skip')).toBe(true);
    expect(verdictsOf(withoutPortmap(), 'R-REQ-1', [network])).toEqual(['pass']);
  });

  it('still fails a recorded runtime that never ran a plugin of the scenario', () => {
    const log = new LogBuilder(network);
    log.call({
      type: 'bridge',
      verb: 'ADD',
      stdin: { ...bridge, ...base },
      stdout: result('bridge'),
      exitCode: 0,
    });
    log.call({ type: 'bridge', verb: 'DEL', stdin: { ...bridge, ...base } });
    expect(report(log.text()).notes).toEqual([]);
  });
});

describe('parseRuntimeLog on real-world files', () => {
  it('accepts a UTF-8 BOM', () => {
    const parsed = parseRuntimeLog(`\uFEFF${delegatingLifecycle().text()}`);
    expect(parsed.ok).toBe(true);
  });

  it('skips an unknown line kind with a warning naming the line', () => {
    const text = delegatingLifecycle().raw({ kind: 'containerd-event', what: 'TaskExit' }).text();
    const parsed = parseRuntimeLog(text);
    expect(parsed.ok && parsed.value.warnings).toEqual([
      'line 8: unknown kind "containerd-event" skipped (known: invocation, scenario, operation, recording)',
    ]);
    expect(report(text).notes).toContain(parsed.ok ? parsed.value.warnings?.[0] : '');
  });

  it('rejects a second scenario line', () => {
    const text = delegatingLifecycle()
      .raw({ kind: 'scenario', name: 'x', runtime: 'y', networks: [] })
      .text();
    const parsed = parseRuntimeLog(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.issues[0]?.reason).toMatch(/second scenario line \(the first is line 1\)/);
  });

  it('upconverts a single-plugin .conf network as libcni does', () => {
    const conf = { cniVersion: '1.0.0', name: 'single', type: 'a' };
    const log = new LogBuilder(conf);
    log.call({ type: 'a', verb: 'ADD', stdin: { ...conf }, stdout: result('a') });
    log.call({ type: 'a', verb: 'DEL', stdin: { ...conf, prevResult: result('a') } });
    const judged = report(log.text());
    expect(judged.findings.filter((f) => f.verdict === 'fail')).toEqual([]);
    expect(verdictsOf(log.text(), 'R-ADD-1')).toContain('pass');
    expect(verdictsOf(log.text(), 'R-REQ-2')).toEqual(['pass']);
  });
});

describe('cni-conformance runtime judge on logs that judge nothing', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cnc-real-logs-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  async function judgeFile(name: string, text: string, ...extra: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    await writeFile(join(dir, name), text);
    const io = {
      stdout: { write: (t: string) => out.push(t) },
      stderr: { write: (t: string) => err.push(t) },
    };
    const code = await runRuntimeCommand(['judge', join(dir, name), ...extra], io);
    return { code, out: out.join(''), err: err.join('') };
  }

  it('judges under compat by default, as the plugin side does: a libcni deviation warns', async () => {
    const withCaps = {
      cniVersion: '1.0.0',
      name: 'caps',
      plugins: [{ type: 'portmap', capabilities: { portMappings: true } }],
    };
    const log = new LogBuilder(withCaps);
    const stdin = {
      type: 'portmap',
      capabilities: { portMappings: true },
      name: 'caps',
      cniVersion: '1.0.0',
    };
    log.call({ type: 'portmap', verb: 'ADD', stdin, stdout: result('x') });
    log.call({ type: 'portmap', verb: 'DEL', stdin: { ...stdin, prevResult: result('x') } });
    const compat = await judgeFile('caps.jsonl', log.text());
    expect(compat.out).toMatch(/WARN R-REQ-4 \[MUST\]/);
    expect(compat.code).toBe(0);
    const strict = await judgeFile('caps.jsonl', log.text(), '--profile', 'strict');
    expect(strict.out).toMatch(/FAIL R-REQ-4 \[MUST\]/);
    expect(strict.code).toBe(1);
  });

  it('exits 2 on an empty file, saying it holds no invocation', async () => {
    const judged = await judgeFile('empty.jsonl', '');
    expect(judged.code).toBe(2);
    expect(judged.err).toMatch(/nothing judged: the log holds no plugin invocation/);
  });

  it('reports nothing judged when every rule skipped', () => {
    const parsed = parseRuntimeLog(new LogBuilder(network).call({ type: 'bridge', verb: 'ADD' }).text());
    if (!parsed.ok) throw new Error('unparsed');
    const delOrder = RUNTIME_RULES.filter((rule) => rule.id === 'R-DEL-1');
    expect(judgeRules(delOrder, parsed.value).nothingJudged).toBe(
      'no rule could be judged on its 1 invocation(s) (every one skipped)',
    );
  });

  it('judges a log without a scenario line against --conf-dir, upconverting a .conf file', async () => {
    const confDir = join(dir, 'net.d');
    await rm(confDir, { recursive: true, force: true });
    await import('node:fs/promises').then((fs) => fs.mkdir(confDir));
    await writeFile(join(confDir, '10-net.conflist'), JSON.stringify(network));
    const judged = await judgeFile(
      'recorded.jsonl',
      delegatingLifecycle({ withScenario: false }).text(),
      '--conf-dir',
      confDir,
    );
    expect(judged.code).toBe(0);
    expect(judged.out).toMatch(/PASS R-DEL-1/);
    expect(judged.out).toMatch(/SKIP R-LIFE-2 .*leaves containers running|SKIP R-ERR-1 .*no scenario line/);
    expect(judged.err).toBe('');
  });
});
