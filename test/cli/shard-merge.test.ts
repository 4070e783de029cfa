/**
 * `--shard i/n` + `merge`: n shards of a real run against Debian's bridge, merged, judge every requirement ×
 * version exactly as one unsharded run does (n = 1, 2, 3); a missing, duplicated or foreign shard is refused.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDurations, plannedUnits, planShards } from '../../src/cli/shard-plan.ts';
import type { ReportModel } from '../../src/report/model.ts';
import { shardUnit } from '../../src/shard.ts';
import { CLI, ensureBuilt, runCli, scratchDir } from './built-cli.ts';

const BRIDGE = '/usr/lib/cni/bridge';
/** Several requirements at two versions, with a warning and skips among the verdicts; a fixed seed. */
const SELECTION = ['--only', 'P-VCMD-*,P-DEL-3,P-DEL-5', '--versions', '0.4.0,1.0.0', '--seed', '7'];

/** The CLI with room for seven runs at once on a loaded machine. */
async function run(args: readonly string[], cwd: string) {
  const result = await execa('node', [CLI, ...args], {
    cwd,
    reject: false,
    timeout: 280_000,
    env: { NO_COLOR: '1' },
  });
  return { exitCode: result.exitCode, stderr: String(result.stderr) };
}

function readReport(file: string): ReportModel {
  return JSON.parse(readFileSync(file, 'utf8')) as ReportModel;
}

/** requirement IDs × version (the title carries both) → verdict. */
function verdicts(model: ReportModel): Record<string, string> {
  return Object.fromEntries(model.checks.map((c) => [`${c.title} [${c.version ?? '-'}]`, c.verdict]).sort());
}

describe('planShards', () => {
  it('puts every unit in exactly one shard, the same plan every time, balanced by count', () => {
    const units = plannedUnits(['0.4.0', '1.0.0'], { only: ['P-DEL-*'], skip: [] });
    const plan = planShards({ index: 1, count: 3 }, units);
    expect(planShards({ index: 2, count: 3 }, units).assignment).toEqual(plan.assignment);
    const sizes = [1, 2, 3].map((i) => units.filter((u) => plan.assignment[u] === i).length);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(units.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  });

  it('balances by recorded durations when given: one slow unit gets a shard to itself', () => {
    const units = ['P-A-1@1.0.0', 'P-A-2@1.0.0', 'P-A-3@1.0.0', 'P-A-4@1.0.0'];
    const byUnit = new Map([
      ['P-A-1@1.0.0', 9000],
      ['P-A-2@1.0.0', 3000],
      ['P-A-3@1.0.0', 3000],
      ['P-A-4@1.0.0', 3000],
    ]);
    const plan = planShards({ index: 1, count: 2 }, units, { byUnit, digest: 'x' });
    expect(units.filter((u) => plan.assignment[u] === plan.assignment['P-A-1@1.0.0'])).toEqual([
      'P-A-1@1.0.0',
    ]);
    expect(shardUnit('P-VCMD-1', undefined)).toBe('P-VCMD-1@-');
  });
});

describe('--durations', () => {
  const dir = scratchDir();

  it('sums a report’s check durations per requirement × version', () => {
    const file = join(dir, 'earlier.json');
    const check = (ids: string[], version: string | undefined, durationMs: number) => ({
      ids,
      version,
      durationMs,
    });
    writeFileSync(
      file,
      JSON.stringify({
        checks: [
          check(['P-ADD-1'], '1.0.0', 100),
          check(['P-ADD-1', 'P-DEL-1'], '1.0.0', 50),
          check(['P-VCMD-1'], undefined, 7),
        ],
      }),
    );
    const durations = loadDurations(file);
    expect(Object.fromEntries(durations.byUnit)).toEqual({ 'P-ADD-1@1.0.0': 150, 'P-VCMD-1@-': 7 });
    expect(durations.digest).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a file that is not a JSON report, and --durations without --shard, in one line (exit 2)', async () => {
    const file = join(dir, 'not-a-report.json');
    writeFileSync(file, '{"runs": []}');
    expect(() => loadDurations(file)).toThrow(`--durations: ${file} is not a cni-conformance JSON report`);
    ensureBuilt();
    const result = await runCli([BRIDGE, '--durations', file], dir);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe(
      'cni-conformance: --durations needs --shard i/n — it balances the shards by the durations of an earlier report',
    );
  });
});

describe('sharded runs merged against the bridge', () => {
  const dir = scratchDir();
  const shardFile = (n: number, i: number) => join(dir, `n${n}-s${i}`, 'cni-conformance.json');
  let whole: ReportModel;
  const merged = new Map<number, { exitCode: number | undefined; stderr: string; model: ReportModel }>();

  beforeAll(async () => {
    ensureBuilt();
    const shardRuns = [1, 2, 3].flatMap((n) =>
      Array.from({ length: n }, (_, k) =>
        run(
          [BRIDGE, ...SELECTION, '--shard', `${k + 1}/${n}`, '--report-dir', join(dir, `n${n}-s${k + 1}`)],
          dir,
        ),
      ),
    );
    const wholeRun = run([BRIDGE, ...SELECTION, '--report-dir', join(dir, 'whole')], dir);
    const results = await Promise.all([wholeRun, ...shardRuns]);
    for (const result of results) expect(result.stderr).toBe('');
    whole = readReport(join(dir, 'whole', 'cni-conformance.json'));
    for (const n of [1, 2, 3]) {
      const files = Array.from({ length: n }, (_, k) => shardFile(n, k + 1)).reverse();
      const out = join(dir, `merged-${n}`);
      const result = await runCli(['merge', ...files, '--report-dir', out], dir);
      merged.set(n, { ...result, model: readReport(join(out, 'cni-conformance.json')) });
    }
  }, 600_000);

  it.each([1, 2, 3])('%i shard(s) merged give the unsharded verdict per requirement × version', (n) => {
    const result = merged.get(n);
    expect(result?.stderr).toBe('');
    expect(result?.exitCode).toBe(whole.exitCode);
    expect(result?.model.exitCode).toBe(whole.exitCode);
    expect(verdicts(result?.model as ReportModel)).toEqual(verdicts(whole));
    expect(result?.model.counts).toEqual(whole.counts);
    // The selection is judged, not vacuous: several requirements, both versions, more than one verdict kind.
    expect(new Set(whole.checks.flatMap((c) => c.ids)).size).toBeGreaterThanOrEqual(4);
    expect(new Set(whole.checks.map((c) => c.version))).toEqual(new Set(['0.4.0', '1.0.0', undefined]));
    expect(whole.counts.pass).toBeGreaterThan(0);
  });

  it('splits the checks: each of 3 shards runs some, none runs another shard’s', () => {
    const titles = [1, 2, 3].map((i) => readReport(shardFile(3, i)).checks.map((c) => c.title));
    for (const list of titles) expect(list.length).toBeGreaterThan(0);
    expect(titles.flat().length).toBe(new Set(titles.flat()).size);
    expect(titles.flat().length).toBe(whole.checks.length);
  });

  it('names a missing shard, a duplicated one, one of another split and one of another run (exit 2)', async () => {
    const missing = await runCli(['merge', shardFile(3, 1), shardFile(3, 3)], dir);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toMatch(/^cni-conformance: shard 2\/3 missing \(have 1\/3, 3\/3\)/);
    const twice = await runCli(['merge', shardFile(2, 1), shardFile(2, 2), shardFile(2, 1)], dir);
    expect(twice.exitCode).toBe(2);
    expect(twice.stderr).toBe(
      `cni-conformance: shard 1/2 given twice: ${shardFile(2, 1)} and ${shardFile(2, 1)}`,
    );
    const split = await runCli(['merge', shardFile(2, 1), shardFile(3, 2)], dir);
    expect(split.stderr).toMatch(/is shard 2\/3 but .* is shard 1\/2: not the same split$/);
    const foreign = join(dir, 'foreign.json');
    const other = readReport(shardFile(2, 2));
    writeFileSync(
      foreign,
      JSON.stringify({ ...other, shard: { ...other.shard, runId: 'feedfacefeedface' } }),
    );
    const mixed = await runCli(['merge', shardFile(2, 1), foreign], dir);
    expect(mixed.exitCode).toBe(2);
    expect(mixed.stderr).toMatch(
      /foreign\.json \(shard 2\/2\) is of another run than .*run id feedfacefeedface/,
    );
    const unsharded = await runCli(['merge', join(dir, 'whole', 'cni-conformance.json')], dir);
    expect(unsharded.stderr).toMatch(/is not a shard's report — run each shard with --shard i\/n$/);
  });

  it.each(['3/2', '0/2', 'x'])('--shard %s is one usage line, exit 2', async (value) => {
    const result = await runCli([BRIDGE, '--shard', value, '--report-dir', join(dir, 'bad')], dir);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe(
      `cni-conformance: --shard must be i/n with 1 ≤ i ≤ n, got "${value}" — e.g. --shard 1/2 and --shard 2/2`,
    );
  });
});
