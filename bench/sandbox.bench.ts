/**
 * Sandbox benchmarks (issue 3): create+destroy of a namespace sandbox (goal: median <= 15 ms on two
 * cores) and the cost of one inspector snapshot. The spawn of `/bin/true` is printed as the machine's
 * baseline, because sandbox start-up is a handful of spawns and nothing else.
 */
import { spawn } from 'node:child_process';
import { inspectNamespace, sandboxRunner } from '../src/inspect/index.ts';
import { createSandbox, defaultSandboxMode } from '../src/sandbox/index.ts';

const RUNS = Number(process.env.SANDBOX_BENCH_RUNS ?? 50);

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? Number.NaN;
}

async function measure(runs: number, body: () => Promise<void>): Promise<{ median: number; p95: number }> {
  await body(); // warm-up: module loading and the run directory
  const times: number[] = [];
  for (let index = 0; index < runs; index += 1) {
    const started = performance.now();
    await body();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { median: percentile(times, 0.5), p95: percentile(times, 0.95) };
}

const spawnTrue = () =>
  new Promise<void>((resolve) => spawn('/bin/true', { stdio: 'ignore' }).once('close', () => resolve()));

function line(label: string, result: { median: number; p95: number }, goal = ''): void {
  console.log(`${label}: median ${result.median.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms${goal}`);
}

const mode = defaultSandboxMode();
line('baseline spawn of /bin/true', await measure(RUNS, spawnTrue));
line(
  `sandbox create+destroy (${mode})`,
  await measure(RUNS, async () => {
    const sandbox = await createSandbox({ mode });
    await sandbox.destroy();
  }),
  ' (goal <= 15 ms)',
);
const sandbox = await createSandbox({ mode });
const container = await sandbox.addContainer();
line(
  'sandbox addContainer+removeContainer',
  await measure(Math.min(RUNS, 20), async () => {
    const extra = await sandbox.addContainer();
    await sandbox.removeContainer(extra.name);
  }),
);
line(
  'inspector snapshot (sandbox host namespace)',
  await measure(Math.min(RUNS, 20), async () => {
    await inspectNamespace(sandboxRunner(sandbox));
  }),
);
line(
  'inspector snapshot (container namespace)',
  await measure(Math.min(RUNS, 20), async () => {
    await inspectNamespace(sandboxRunner(sandbox, container.name), { dataDirs: [] });
  }),
);
await sandbox.destroy();
