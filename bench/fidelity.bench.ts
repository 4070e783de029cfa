/**
 * Fidelity bench (issue 6): PROP (100 sequences) and CONC (32 concurrent attachments) together against upstream
 * host-local, through the built CLI. Goal: ≤ 30 s. Prints the wall time of the run, the time inside the two
 * suites' checks, and the goal.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const GOAL_MS = 30_000;
const root = new URL('..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'cnc-bench-fidelity-'));
const json = join(dir, 'report.json');
const args = [
  'dist/cli.js',
  '/usr/lib/cni/host-local',
  '--only',
  'P-CONC-1',
  '--report-dir',
  dir,
  '--json',
  json,
];

const started = performance.now();
const run = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
const wallMs = performance.now() - started;

interface Check {
  readonly file: string;
  readonly verdict: string;
  readonly durationMs: number;
}
const checks = (JSON.parse(readFileSync(json, 'utf8')) as { checks: Check[] }).checks.filter(
  (c) => c.file.startsWith('suites/fidelity/') && c.verdict !== 'skip',
);
const checkMs = checks.reduce((sum, c) => sum + c.durationMs, 0);
const verdicts = checks.map((c) => `${c.file.split('/')[2]}:${c.verdict}`).join(' ');
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
console.log(
  `fidelity PROP 100 + CONC 32 on host-local: wall ${seconds(wallMs)} (checks ${seconds(checkMs)}), goal <= ${seconds(GOAL_MS)} ${wallMs <= GOAL_MS ? 'met' : 'MISSED'} [${verdicts}]`,
);
if (run.status !== 0) {
  console.error(run.stdout.slice(-2000), run.stderr.slice(-2000));
  process.exit(1);
}
