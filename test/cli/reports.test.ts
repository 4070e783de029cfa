import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runCli, scratchDir } from './built-cli.ts';

beforeAll(() => ensureBuilt(), 120_000);

/** Replaces what changes between runs (times, durations, temp paths, seeds) with "...". */
function normalise(text: string, dir: string): string {
  return text
    .split(dir)
    .join('...')
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z?/g, '...')
    .replace(/"(durationMs|pluginMs|suiteWallMs|pluginWallMs|ratio|seed)": [\d.]+/g, '"$1": "..."')
    .replace(/time="[\d.]+"/g, 'time="..."')
    .replace(/cnc-[0-9a-f]{8}|cnb[0-9a-f]{8}|conformance-[0-9a-f]{8}/g, '...');
}

describe('reports of a run', () => {
  let dir = '';
  let exitCode: number | undefined;

  beforeAll(async () => {
    dir = scratchDir();
    // Upstream bridge 1.1.1 answers VERSION with its own "1.0.0": P-VCMD-2 passes at 1.0.0 and is an IMPL
    // warning at 0.4.0 in the compat profile.
    const result = await runCli(
      ['/usr/lib/cni/bridge', '--only', 'P-VCMD-2', '--versions', '0.4.0,1.0.0', '--seed', '7'],
      dir,
    );
    exitCode = result.exitCode;
  }, 120_000);

  it('exits 0 with a warning only', () => {
    expect(exitCode).toBe(0);
  });

  it('writes the JSON model with verdicts, levels and overhead', () => {
    const model = JSON.parse(readFileSync(join(dir, 'reports/cni-conformance.json'), 'utf8'));
    expect(model.exitCode).toBe(0);
    expect(model.run).toMatchObject({ pluginType: 'bridge', profile: 'compat', failOn: 'should', seed: 7 });
    const summary = model.checks.map(
      (c: { title: string; verdict: string; level: string; specLevel: string }) => [
        c.title,
        c.verdict,
        c.level,
        c.specLevel,
      ],
    );
    expect(summary).toEqual(
      [
        ['P-VCMD-2: VERSION output echoes the cniVersion it was given @ 0.4.0', 'warn', 'IMPL', 'SHOULD'],
        ['P-VCMD-2: VERSION output echoes the cniVersion it was given @ 1.0.0', 'pass', 'IMPL', 'SHOULD'],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    expect(model.overhead.pluginWallMs).toBeGreaterThan(0);
    expect(model.overhead.ratio).toBeGreaterThan(1);
  });

  it('writes JUnit with requirement, level, cniVersion and profile properties and the plugin output', () => {
    const xml = normalise(readFileSync(join(dir, 'reports/cni-conformance.junit.xml'), 'utf8'), dir);
    expect(xml).toContain('<property name="requirement" value="P-VCMD-2"/>');
    expect(xml).toContain('<property name="level" value="IMPL"/>');
    expect(xml).toContain('<property name="cniVersion" value="0.4.0"/>');
    expect(xml).toContain('<property name="profile" value="compat"/>');
    expect(xml).toContain('<property name="verdict" value="warn"/>');
    expect(xml).toMatch(/<system-out><!\[CDATA\[warn: VERSION reply cniVersion for input 0\.4\.0/);
    expect(xml).toContain('[VERSION] {"cniVersion":"1.0.0","supportedVersions"');
    expect(xml).not.toContain('<failure');
  });

  it('writes a self-contained HTML report with the requirement × version matrix', () => {
    const html = readFileSync(join(dir, 'reports/cni-conformance.html'), 'utf8');
    expect(html).toMatch(
      /<tr><td><a href="#req-P-VCMD-2">P-VCMD-2<\/a><\/td><td>IMPL<\/td><td class="cell"[^>]*><a href="#check-[^"]+">warn<\/a><\/td><td class="cell"[^>]*><a href="#req-P-VCMD-2">pass<\/a><\/td><\/tr>/,
    );
    expect(html).not.toMatch(/<(script|link) [^>]*src=|href="http/);
  });

  it('writes a repro script that replays the failing call', () => {
    const script = join(
      dir,
      'reports/repro/p-vcmd-2-version-output-echoes-the-cniversion-it-was-given-0.4.0.sh',
    );
    expect(existsSync(script)).toBe(true);
    const text = readFileSync(script, 'utf8');
    expect(text).toContain(`printf '%s' '{"cniVersion":"0.4.0"}' | timeout -s KILL 120 env -i`);
    expect(text).toContain("'CNI_COMMAND=VERSION' '/usr/lib/cni/bridge'");
  });
});

describe('reports when setup fails', () => {
  it('still writes the JSON, JUnit and HTML reports naming the cause', async () => {
    const dir = scratchDir();
    const result = await runCli(['/usr/lib/cni/bridge', '--config', join(dir, 'missing.conflist')], dir);
    expect(result.exitCode).toBe(2);
    const model = JSON.parse(readFileSync(join(dir, 'reports/cni-conformance.json'), 'utf8'));
    expect(normalise(JSON.stringify({ setupError: model.setupError, exitCode: model.exitCode }), dir)).toBe(
      '{"setupError":"config file not found: .../missing.conflist","exitCode":2}',
    );
    expect(readFileSync(join(dir, 'reports/cni-conformance.junit.xml'), 'utf8')).toContain(
      '<error message="config file not found',
    );
    expect(existsSync(join(dir, 'reports/cni-conformance.html'))).toBe(true);
  }, 60_000);
});

describe('subcommand options', () => {
  it('gives `runtime run` its own --report-dir (the root option of that name does not swallow it)', async () => {
    const dir = scratchDir();
    const reportDir = join(dir, 'runtime-reports');
    // One scenario keeps the run short; the point is where the reports land.
    const args = [
      'runtime',
      'run',
      '--runtime',
      'simulated',
      '--scenario',
      'lifecycle',
      '--report-dir',
      reportDir,
    ];
    const run = await runCli(args, dir);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(readdirSync(reportDir).sort()).toEqual(['runtime.html', 'runtime.json', 'runtime.junit.xml']);
  }, 180_000);
});
