import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { NotAPluginWatch } from '../../src/cli/not-a-plugin.ts';
import type { CheckRecord } from '../../src/report/model.ts';
import type { PluginCallRecord } from '../../src/report/transcript.ts';
import { ensureBuilt, runCli, scratchDir } from './built-cli.ts';

function addCall(fields: Partial<PluginCallRecord>): PluginCallRecord {
  return {
    type: 'plugin',
    verb: 'ADD',
    file: '/x/bridge',
    env: {},
    stdin: '{}',
    kind: 'ok',
    stdout: '',
    stderr: '',
    exitCode: 0,
    signal: null,
    startedAtMs: 0,
    durationMs: 5000,
    ...fields,
  };
}

function checkWith(call: PluginCallRecord): CheckRecord {
  return {
    title: 't',
    file: 'f',
    suite: 's',
    ids: [],
    level: 'MUST',
    specLevel: 'MUST',
    version: '1.0.0',
    outcome: 'failed',
    verdict: 'fail',
    durationMs: 1,
    pluginMs: 1,
    transcript: [call],
  };
}

describe('not a CNI plugin: the first ADD decides when VERSION failed', () => {
  it.each([
    [addCall({}), 'ADD exited 0 printing nothing'],
    [addCall({ kind: 'timed-out', exitCode: null, signal: 'SIGKILL' }), 'ADD did not answer within 5s'],
    [addCall({ kind: 'unparseable-output', stdout: 'hello' }), 'ADD printed no JSON ("hello")'],
    [addCall({ kind: 'plugin-error', exitCode: 1, stdout: '' }), 'ADD exited 1 without a CNI error'],
  ])('flags %#', (call, problem) => {
    const watch = new NotAPluginWatch('/x/bridge', 'VERSION timed out');
    expect(watch.onCheck(checkWith(call))).toBe(true);
    expect(watch.verdict).toBe(`not a CNI plugin: /x/bridge: VERSION timed out; ${problem}`);
  });

  it('does not flag a CNI error or a result, nor anything once VERSION answered', () => {
    const error = addCall({ kind: 'plugin-error', exitCode: 1, stdout: '{"code":4,"msg":"x"}' });
    expect(new NotAPluginWatch('/x/bridge', 'VERSION timed out').onCheck(checkWith(error))).toBe(false);
    const result = addCall({ stdout: '{"cniVersion":"1.0.0"}' });
    expect(new NotAPluginWatch('/x/bridge', 'VERSION timed out').onCheck(checkWith(result))).toBe(false);
    expect(new NotAPluginWatch('/x/bridge', undefined).onCheck(checkWith(addCall({})))).toBe(false);
  });
});

describe('cni-conformance on a binary that is not a plugin', () => {
  beforeAll(() => ensureBuilt(), 120_000);

  it('stops after the VERSION probe and the first ADD with one verdict (exit 1)', async () => {
    const dir = scratchDir();
    mkdirSync(join(dir, 'bin'));
    copyFileSync('/bin/true', join(dir, 'bin/bridge'));
    const started = Date.now();
    const result = await runCli([join(dir, 'bin/bridge'), '--cni-path', '/usr/lib/cni'], dir);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(
      /^cni-conformance: not a CNI plugin: .*bin\/bridge: VERSION .*; ADD exited 0 printing nothing$/,
    );
    // The whole bridge suite takes minutes; stopping after the first ADD takes the checks already running.
    expect(Date.now() - started).toBeLessThan(90_000);
  }, 120_000);
});
