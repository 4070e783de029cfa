/**
 * Sandbox benchmarks (issue 3): create+destroy of a namespace sandbox (goal: median <= 15 ms on two
 * cores) and the cost of one inspector snapshot. Wall time on a busy machine mostly measures waiting
 * for a core, so the CPU work per call (ours plus every process spawned and reaped) and the cost of
 * spawning /bin/true are printed beside it.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { inspectNamespace, sandboxRunner } from '../src/inspect/index.ts';
import { createSandbox, defaultSandboxMode } from '../src/sandbox/index.ts';

const RUNS = Number(process.env.SANDBOX_BENCH_RUNS ?? 50);
const mode = defaultSandboxMode();

interface Timing {
  readonly median: number;
  readonly p95: number;
  /** CPU ms per call spent in this process. */
  readonly ownCpu: number;
  /** CPU ms per call spent in reaped child processes (and their reaped children). */
  readonly childCpu: number;
}

/** utime+stime of reaped children (cutime, cstime in /proc/self/stat), in ms (USER_HZ is 100). */
function childrenCpuMs(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) * 10;
}

async function measure(runs: number, body: () => Promise<void>): Promise<Timing> {
  await body(); // warm-up: module loading, the run directory and the fstab files
  const times: number[] = [];
  const ownBefore = process.cpuUsage();
  const childrenBefore = childrenCpuMs();
  for (let index = 0; index < runs; index += 1) {
    const started = performance.now();
    await body();
    times.push(performance.now() - started);
  }
  const own = process.cpuUsage(ownBefore);
  times.sort((a, b) => a - b);
  return {
    median: times[Math.floor(runs / 2)] ?? Number.NaN,
    p95: times[Math.min(runs - 1, Math.floor(runs * 0.95))] ?? Number.NaN,
    ownCpu: (own.user + own.system) / 1000 / runs,
    childCpu: (childrenCpuMs() - childrenBefore) / runs,
  };
}

function report(label: string, timing: Timing, goal = ''): void {
  const cpu = `CPU ${timing.ownCpu.toFixed(1)} ms node + ${timing.childCpu.toFixed(1)} ms children`;
  console.log(
    `${label}: median ${timing.median.toFixed(1)} ms, p95 ${timing.p95.toFixed(1)} ms${goal} [${cpu}]`,
  );
}

const spawnTrue = () =>
  new Promise<void>((resolve) => spawn('/bin/true', { stdio: 'ignore' }).once('close', () => resolve()));
const loadBefore = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

report('baseline: node spawn of /bin/true', await measure(RUNS, spawnTrue));
report(
  `sandbox create+destroy (${mode})`,
  await measure(RUNS, async () => {
    const sandbox = await createSandbox({ mode });
    await sandbox.destroy();
  }),
  ' (goal <= 15 ms)',
);

const sandbox = await createSandbox({ mode });
const container = await sandbox.addContainer();
const fewer = Math.min(RUNS, 20);
report(
  'sandbox addContainer+removeContainer',
  await measure(fewer, async () => {
    const extra = await sandbox.addContainer();
    await sandbox.removeContainer(extra.name);
  }),
);
report(
  'inspector snapshot (sandbox host namespace)',
  await measure(fewer, async () => {
    await inspectNamespace(sandboxRunner(sandbox));
  }),
);
report(
  'inspector snapshot (container namespace)',
  await measure(fewer, async () => {
    await inspectNamespace(sandboxRunner(sandbox, container.name), { dataDirs: [] });
  }),
);
await sandbox.destroy();
console.log(
  `load average: ${loadBefore} before, ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')} after (2 cores)`,
);
