/**
 * Reference plugins vs upstream Go, same run, same machine, side by side: median wall time per scenario of
 * upstream (/usr/lib/cni), our native build (dist/native) and our Node bundles (dist/plugins), with each build's
 * ratio to upstream (goal for the native build: <= 3x). The builds take turns within every round, so a change
 * of machine load hits all three alike. Then the spy's cost per call, host-local throughput with 64 concurrent
 * ADDs, and the bare start-up floors. Everything runs in namespaces this file creates; bridge runs inside a
 * "host" namespace. The load average is printed first: on a loaded machine the ratios are what to read.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { findNativeBuild } from '../src/cli/shipped-plugins.ts';

const root = new URL('..', import.meta.url).pathname;
const NODE = join(root, 'dist/plugins');
const NATIVE = join(root, 'dist/native');
const UPSTREAM = '/usr/lib/cni';
const ROUNDS = Math.max(10, Number(process.env.BENCH_ROUNDS ?? 15));
/** The native build may be missing on a platform without Bun: its column then says so. */
const native = findNativeBuild(NATIVE);
const BUILDS = [
  { name: 'upstream', dir: UPSTREAM },
  ...(native ? [{ name: 'native', dir: NATIVE }] : []),
  { name: 'node', dir: NODE },
] as const;
/** The native build's goal against upstream Go (issue 18). */
const NATIVE_GOAL = 3;
/** The spy's goal: what it adds to each call it records, in ms. */
const SPY_GOAL_MS = 10;

interface Call {
  readonly argv: readonly string[];
  readonly env: Record<string, string>;
  readonly stdin: string;
}

function run(call: Call): Promise<number> {
  return new Promise((resolve, reject) => {
    const [file, ...args] = call.argv as [string, ...string[]];
    const child = spawn(file, args, {
      env: { PATH: process.env.PATH ?? '', ...call.env },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.on('close', (code) =>
      code === 0
        ? resolve(code)
        : reject(new Error(`${call.argv.join(' ')} ${call.env.CNI_COMMAND}: ${stdout}`)),
    );
    child.stdin.on('error', () => {
      // A program that exits without reading its input (the no-op floor); its status tells.
    });
    child.stdin.end(call.stdin);
  });
}

function netns(prefix: string): { name: string; path: string; remove: () => void } {
  const name = `cnib-${prefix}-${randomBytes(3).toString('hex')}`;
  spawnSync('ip', ['netns', 'add', name]);
  return { name, path: `/var/run/netns/${name}`, remove: () => spawnSync('ip', ['netns', 'del', name]) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Runs `calls` (one round's calls for one build) one after another; returns the wall time. */
async function timed(calls: readonly Call[]): Promise<number> {
  const started = performance.now();
  for (const call of calls) await run(call);
  return performance.now() - started;
}

interface Scenario {
  readonly name: string;
  /** The calls of round `index` with plugins from `dir`. */
  calls(dir: string, index: number): Call[];
}

/** Median wall per build, the builds taking turns in each round. */
async function measure(scenario: Scenario): Promise<Map<string, number>> {
  const samples = new Map<string, number[]>(BUILDS.map((build) => [build.name, []]));
  for (let index = 0; index < ROUNDS; index += 1) {
    for (const build of BUILDS) samples.get(build.name)?.push(await timed(scenario.calls(build.dir, index)));
  }
  return new Map([...samples].map(([name, values]) => [name, median(values)]));
}

function attachmentEnv(command: string, netnsPath: string, id: string, path: string): Record<string, string> {
  return {
    CNI_COMMAND: command,
    CNI_CONTAINERID: id,
    CNI_NETNS: netnsPath,
    CNI_IFNAME: 'eth0',
    CNI_PATH: path,
  };
}

function addDel(argv: string[], stdin: string, env: (command: string) => Record<string, string>): Call[] {
  return [
    { argv, env: env('ADD'), stdin },
    { argv, env: env('DEL'), stdin },
  ];
}

function row(scenario: string, medians: Map<string, number>): string {
  const upstream = medians.get('upstream') ?? Number.NaN;
  const cells = BUILDS.map(({ name }) => {
    const value = medians.get(name) ?? Number.NaN;
    if (name === 'upstream') return `upstream ${value.toFixed(1)}`;
    const ratio = value / upstream;
    const goal = name === 'native' && ratio > NATIVE_GOAL ? ` (goal <= ${NATIVE_GOAL}x)` : '';
    return `${name} ${value.toFixed(1)} ${ratio.toFixed(2)}x${goal}`;
  });
  if (!native) cells.push('native: not built for this platform');
  return `${scenario.padEnd(26)} ${cells.join('  ')}`;
}

/** Median wall of one run of `argv` with no CNI environment, whatever its exit status (start-up floors). */
function floor(argv: string[]): number {
  const [file, ...args] = argv as [string, ...string[]];
  const samples: number[] = [];
  for (let index = 0; index < ROUNDS; index += 1) {
    const started = performance.now();
    spawnSync(file, args, { env: { PATH: process.env.PATH ?? '' }, stdio: 'ignore' });
    samples.push(performance.now() - started);
  }
  return median(samples);
}

/**
 * The spy as a runtime meets it: an ADD with a prevResult, recorded to its log, against the same call of a
 * no-op program (`true`): the difference is what the spy adds to each call it sits in.
 */
async function spyCost(data: string, container: string): Promise<void> {
  const spyDir = join(data, 'spy');
  mkdirSync(spyDir);
  const builds = [...(native ? [{ name: 'native', dir: NATIVE }] : []), { name: 'node', dir: NODE }];
  const links = builds.map(({ name, dir }) => {
    const bin = join(data, `spy-bin-${name}`);
    mkdirSync(bin);
    symlinkSync(join(dir, 'spy'), join(bin, 'spy-a'));
    writeFileSync(join(bin, '.cni-spy-dir'), spyDir);
    return { name, file: join(bin, 'spy-a') };
  });
  const stdin = JSON.stringify({
    cniVersion: '1.0.0',
    name: 'n',
    type: 'spy-a',
    prevResult: { cniVersion: '1.0.0', interfaces: [{ name: 'eth0' }], ips: [] },
  });
  const files = [{ name: 'true', file: '/bin/true' }, ...links];
  const samples = new Map<string, number[]>(files.map(({ name }) => [name, []]));
  for (let index = 0; index < ROUNDS; index += 1) {
    for (const { name, file } of files) {
      samples
        .get(name)
        ?.push(await timed([{ argv: [file], env: attachmentEnv('ADD', container, 's1', ''), stdin }]));
    }
  }
  const noop = median(samples.get('true') ?? []);
  const cells = links.map(({ name }) => {
    const added = median(samples.get(name) ?? []) - noop;
    return `${name} +${added.toFixed(1)} ms${added > SPY_GOAL_MS ? ` (goal <= ${SPY_GOAL_MS} ms)` : ''}`;
  });
  console.log(
    `${'spy ADD, added per call'.padEnd(26)} ${cells.join('  ')}  (a no-op exec: ${noop.toFixed(1)} ms)`,
  );
}

async function main(): Promise<void> {
  if (!existsSync(join(NODE, 'bridge')))
    throw new Error('dist/plugins is missing: run `npm run build` first');
  const container = netns('c');
  const host = netns('h');
  const data = mkdtempSync(join(tmpdir(), 'cni-bench-'));
  try {
    const ipam = (dir: string) => ({
      type: 'host-local',
      dataDir: join(data, dir.replaceAll('/', '_')),
      ranges: [[{ subnet: '10.80.0.0/16' }]],
    });
    const scenarios: Scenario[] = [
      {
        name: 'loopback VERSION',
        calls: (dir) => [
          {
            argv: [join(dir, 'loopback')],
            env: { CNI_COMMAND: 'VERSION' },
            stdin: JSON.stringify({ cniVersion: '1.0.0' }),
          },
        ],
      },
      {
        name: 'loopback ADD+DEL',
        calls: (dir) =>
          addDel([join(dir, 'loopback')], JSON.stringify({ cniVersion: '1.0.0', name: 'lo' }), (command) =>
            attachmentEnv(command, container.path, 'b1', dir),
          ),
      },
      {
        name: 'host-local ADD+DEL',
        calls: (dir, index) =>
          addDel(
            [join(dir, 'host-local')],
            JSON.stringify({ cniVersion: '1.0.0', name: 'hl', ipam: ipam(dir) }),
            (command) => attachmentEnv(command, '/dev/null', `b${index}`, dir),
          ),
      },
      {
        name: 'bridge+host-local ADD+DEL',
        calls: (dir, index) => {
          const config = {
            cniVersion: '1.0.0',
            name: 'br',
            type: 'bridge',
            bridge: 'cnibench0',
            isGateway: true,
            ipam: ipam(dir),
          };
          const argv = ['ip', 'netns', 'exec', host.name, join(dir, 'bridge')];
          return addDel(argv, JSON.stringify(config), (command) =>
            attachmentEnv(command, container.path, `b${index}`, dir),
          );
        },
      },
    ];
    const [one, five, fifteen] = loadavg().map((value) => value.toFixed(1));
    console.log(
      `median wall over ${ROUNDS} rounds (ms), ratio to upstream Go; load average ${one} ${five} ${fifteen} on ${availableParallelism()} cores`,
    );
    for (const scenario of scenarios) console.log(row(scenario.name, await measure(scenario)));
    await spyCost(data, container.path);
    const floors = [
      `node -e 0 ${floor([process.execPath, '-e', '0']).toFixed(1)} ms`,
      // The multi-call executable refusing an unknown name: Bun's start-up and our dispatch, no plugin code.
      ...(native ? [`native, no plugin ${floor([native.executable, 'none']).toFixed(1)} ms`] : []),
      `/bin/true ${floor(['/bin/true']).toFixed(1)} ms`,
    ];
    console.log(`start-up floors: ${floors.join(', ')}`);
    for (const { name, dir } of BUILDS) {
      const stdin = JSON.stringify({
        cniVersion: '1.0.0',
        name: 'hl64',
        ipam: { ...ipam(`${dir}-64`), ranges: [[{ subnet: '10.81.0.0/24' }]] },
      });
      const started = performance.now();
      await Promise.all(
        Array.from({ length: 64 }, (_, index) =>
          run({
            argv: [join(dir, 'host-local')],
            env: attachmentEnv('ADD', '/dev/null', `p${index}`, dir),
            stdin,
          }),
        ),
      );
      const wall = performance.now() - started;
      console.log(
        `host-local 64 concurrent ADDs (${name}): ${wall.toFixed(0)} ms, ${(64000 / wall).toFixed(1)} ADD/s`,
      );
    }
  } finally {
    container.remove();
    host.remove();
    rmSync(data, { recursive: true, force: true });
  }
}

await main();
