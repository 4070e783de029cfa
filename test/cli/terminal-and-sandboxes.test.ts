/** Issue 21 item 11: the progress line, the docker sandbox's repro dir, `--sandbox vagrant` without vagrant. */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CheckRecord } from '../../src/report/model.ts';
import { Progress } from '../../src/report/terminal/progress.ts';
import { copyReports } from '../../src/sandbox/inner-run.ts';
import { ensureBuilt, runCli, scratchDir } from './built-cli.ts';

function passed(suite: string): CheckRecord {
  return {
    title: 'P-DEL-2: t @ 1.0.0',
    file: 'f',
    suite,
    ids: ['P-DEL-2'],
    level: 'MUST',
    specLevel: 'MUST',
    version: '1.0.0',
    outcome: 'passed',
    verdict: 'pass',
    durationMs: 1,
    pluginMs: 1,
    transcript: [],
  };
}

describe('the progress line on a terminal', () => {
  it('clears the line before each redraw and shows done/total checks and collected files', () => {
    const writes: string[] = [];
    const progress = new Progress({ isTTY: true, write: (text) => void writes.push(text) });
    progress.onFiles(3);
    progress.onPlanned(4);
    progress.onCheck(passed('fidelity/concurrency-long-name'));
    progress.onCheck(passed('plugin/del'));
    expect(writes).toHaveLength(2);
    for (const write of writes) expect(write.startsWith('\r\x1b[2K')).toBe(true);
    expect(stripVTControlCharacters(writes[1] ?? '')).toMatch(
      /^\rplugin\/del {2}✓ 2 {2}2\/4 checks \(1\/3 files\) {2}\d+\.\ds$/,
    );
  });
});

describe('--sandbox docker reports', () => {
  it('replace the previous run’s repro scripts instead of adding to them', () => {
    const dir = scratchDir();
    const inner = join(dir, 'inner');
    const reports = join(dir, 'reports');
    mkdirSync(join(inner, 'repro'), { recursive: true });
    mkdirSync(join(reports, 'repro'), { recursive: true });
    writeFileSync(join(inner, 'repro/new.sh'), '#!/bin/sh\n');
    writeFileSync(join(inner, 'report.json'), '{}');
    writeFileSync(join(reports, 'repro/old.sh'), '#!/bin/sh\n');
    copyReports(inner, {
      dir: reports,
      json: join(reports, 'r.json'),
      junit: join(reports, 'r.xml'),
      html: join(reports, 'r.html'),
    });
    expect(existsSync(join(reports, 'repro/new.sh'))).toBe(true);
    expect(existsSync(join(reports, 'repro/old.sh'))).toBe(false);
  });
});

describe('--sandbox vagrant without vagrant', () => {
  beforeAll(() => ensureBuilt(), 120_000);

  it('says what to install (exit 2, one line)', async () => {
    const dir = scratchDir();
    const result = await runCli(['/usr/lib/cni/bridge', '--sandbox', 'vagrant'], dir, {
      PATH: '/usr/sbin:/usr/bin:/sbin:/bin',
    });
    expect(result.exitCode).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/`vagrant` not found on PATH — install Vagrant .*apt-get install vagrant/);
    expect(result.stderr).not.toContain('ENOENT');
  });
});
