/**
 * `runtime run` gives the same findings and verdicts with and without `--report-dir` (issue 16 item 6): the
 * direct judge (`--json`) and the vitest suites behind `--report-dir` (runtime.json) write the same report model
 * (the plugin side's, src/report/model.ts) and must agree rule for rule and scenario for scenario. simulated-libcni has IMPL deviations, so the
 * comparison covers warnings as well as passes and skips.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportModel } from '../../src/report/model.ts';
import { runCli } from '../cli/built-cli.ts';
import { ensureSpyBinary } from './spy-binary.ts';

const SCENARIOS = ['add-failure', 'lifecycle', 'disabled-check'];

describe('runtime run with and without --report-dir', () => {
  let dir = '';
  beforeAll(async () => {
    await ensureSpyBinary();
    dir = await mkdtemp(join(tmpdir(), 'cnc-parity-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  async function cli(args: readonly string[]): Promise<void> {
    const base = [
      'runtime',
      'run',
      '--runtime',
      'simulated-libcni',
      ...SCENARIOS.flatMap((s) => ['--scenario', s]),
    ];
    // Exit 1 (a failure) is a verdict, not an error of the run.
    const result = await runCli([...base, ...args], dir);
    if (result.exitCode !== 0 && result.exitCode !== 1) throw new Error(result.stderr);
  }

  it('gives the same verdict for every rule of every scenario', async () => {
    const json = join(dir, 'direct.json');
    const reports = join(dir, 'reports');
    await Promise.all([cli(['--json', json]), cli(['--report-dir', reports])]);
    const verdicts = async (file: string) => {
      const model = JSON.parse(await readFile(file, 'utf8')) as ReportModel;
      return new Map(model.checks.map((check) => [`${check.title} (${check.outcome})`, check.verdict]));
    };
    const directVerdicts = await verdicts(json);
    const suiteVerdicts = await verdicts(join(reports, 'runtime.json'));
    // One shape (the plugin side's ReportModel) and, title by title, the same outcome and verdict.
    expect(Object.fromEntries(suiteVerdicts)).toEqual(Object.fromEntries(directVerdicts));
    // Not a comparison of two empty runs: every scenario judged something, and not everything passed.
    expect(directVerdicts.size).toBeGreaterThan(SCENARIOS.length * 10);
    expect(new Set(directVerdicts.values()).size).toBeGreaterThan(1);
  }, 600_000);
});
