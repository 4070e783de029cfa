/**
 * Sharding on one machine: the default suite against the upstream bridge split into 1, 2 and 3 shards run side
 * by side (in parallel), then merged; one row per n with the wall time of the shards and of the merge, and
 * whether the merged verdicts equal the 1-shard run's. On two cores more shards mostly add start-up cost: the
 * split pays off across CI machines, which this row cannot show, but it shows what a shard costs.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ReportModel } from '../src/report/model.ts';

const ROOT = new URL('..', import.meta.url).pathname;
const CLI = join(ROOT, 'dist/cli.js');
const PLUGIN = process.env.CNI_CONFORMANCE_BENCH_PLUGIN ?? '/usr/lib/cni/bridge';

if (!existsSync(CLI) || !existsSync(PLUGIN)) {
  console.log(`skipped: needs ${CLI} (npm run build) and ${PLUGIN}`);
  process.exit(0);
}

function runShard(dir: string, index: number, count: number): Promise<number | null> {
  const args = [
    CLI,
    PLUGIN,
    '--seed',
    '1',
    '--shard',
    `${index}/${count}`,
    '--report-dir',
    join(dir, `s${index}`),
  ];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: dir, stdio: 'ignore' });
    child.on('close', (code) => resolve(code));
  });
}

function verdicts(file: string): string {
  const model = JSON.parse(readFileSync(file, 'utf8')) as ReportModel;
  return JSON.stringify(model.checks.map((c) => `${c.title}=${c.verdict}`).sort());
}

function loadAverage(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}

const loadBefore = loadAverage();
let reference: string | undefined;
for (const count of [1, 2, 3]) {
  const dir = mkdtempSync(join(tmpdir(), `cni-conformance-bench-shards-${count}-`));
  const started = performance.now();
  const codes = await Promise.all(Array.from({ length: count }, (_, i) => runShard(dir, i + 1, count)));
  const shardsMs = performance.now() - started;
  const files = Array.from({ length: count }, (_, i) => join(dir, `s${i + 1}`, 'cni-conformance.json'));
  const mergeStarted = performance.now();
  const merge = spawnSync(process.execPath, [CLI, 'merge', ...files, '--report-dir', join(dir, 'merged')], {
    cwd: dir,
    encoding: 'utf8',
  });
  const mergeMs = performance.now() - mergeStarted;
  const merged = verdicts(join(dir, 'merged', 'cni-conformance.json'));
  reference ??= merged;
  console.log(
    `${count} shard(s) side by side: ${(shardsMs / 1000).toFixed(1)} s (exit ${codes.join(',')}), merge ${(mergeMs / 1000).toFixed(1)} s (exit ${merge.status}), total ${((shardsMs + mergeMs) / 1000).toFixed(1)} s; verdicts ${merged === reference ? 'equal to' : 'DIFFER from'} 1 shard`,
  );
}
// On a shared machine the rows mostly measure waiting for a core: the load says how much.
console.log(`load average: ${loadBefore} before, ${loadAverage()} after (2 cores)`);
