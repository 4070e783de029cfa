/**
 * `runtime run --shard i/n` splits the scenarios, and `merge` of the shards' JSON reports gives what one unsharded
 * run gives: the same verdict for every rule of every scenario, the same counts and exit code.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportModel } from '../../src/report/model.ts';
import { runCli } from '../cli/built-cli.ts';
import { ensureSpyBinary } from './spy-binary.ts';

const SCENARIOS = ['add-failure', 'lifecycle', 'disabled-check'];

async function cli(args: readonly string[]): Promise<{ code: number; stderr: string }> {
  const result = await runCli(args, tmpdir());
  return { code: result.exitCode ?? -1, stderr: result.stderr };
}

async function verdicts(file: string) {
  const model = JSON.parse(await readFile(file, 'utf8')) as ReportModel;
  const checks = model.checks.map((c) => `${c.title} ${c.outcome} ${c.verdict}`).sort();
  return { checks, counts: model.counts, exitCode: model.exitCode };
}

describe('runtime run --shard i/n, then merge', () => {
  let dir = '';
  beforeAll(async () => {
    await ensureSpyBinary();
    dir = await mkdtemp(join(tmpdir(), 'cnc-runtime-shard-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const base = [
    'runtime',
    'run',
    '--runtime',
    'simulated-libcni',
    ...SCENARIOS.flatMap((s) => ['--scenario', s]),
  ];

  it('gives the unsharded verdicts for 2 shards', async () => {
    const [whole, first, second] = await Promise.all([
      cli([...base, '--json', join(dir, 'whole.json')]),
      cli([...base, '--shard', '1/2', '--json', join(dir, 's1.json')]),
      cli([...base, '--shard', '2/2', '--json', join(dir, 's2.json')]),
    ]);
    for (const result of [whole, first, second]) expect([0, 1], result.stderr).toContain(result.code);
    const merged = join(dir, 'merged.json');
    const merge = await cli([
      'merge',
      join(dir, 's1.json'),
      join(dir, 's2.json'),
      '--json',
      merged,
      '--report-dir',
      dir,
    ]);
    expect(merge.code).toBe(whole.code);
    const [one, joined, part] = await Promise.all([
      verdicts(join(dir, 'whole.json')),
      verdicts(merged),
      verdicts(join(dir, 's1.json')),
    ]);
    expect(joined).toEqual(one);
    // Each shard really ran a part: fewer rules than the whole run.
    expect(part.checks.length).toBeGreaterThan(0);
    expect(part.checks.length).toBeLessThan(one.checks.length);
  }, 600_000);

  it('refuses more shards than scenarios, in one line', async () => {
    const result = await cli([...base, '--shard', '4/4', '--json', join(dir, 'x.json')]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toMatch(/^cni-conformance: --shard 4\/4: only 3 scenario\(s\) to split/);
  });
});
