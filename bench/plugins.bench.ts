/**
 * Reference plugins vs upstream Go, same run, same machine: median wall time of one ADD+DEL pair per
 * plugin (ratio printed; goal <= 4x, Node start-up being most of ours; the start-up floor beside it is what bare
 * Node start-ups alone cost against upstream), then host-local throughput with 64
 * concurrent ADDs. Everything runs in namespaces this file creates; bridge runs inside a "host" namespace.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const root = new URL('..', import.meta.url).pathname;
const OURS = join(root, 'dist/plugins');
const UPSTREAM = '/usr/lib/cni';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);

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

interface Scenario {
  readonly name: string;
  /** Node processes one ADD+DEL pair of ours starts: the plugin, plus its IPAM delegate when that is ours too. */
  readonly nodeStartsPerPair: number;
  /** Builds the ADD and DEL calls for round `index` with plugins from `dir`. */
  calls(dir: string, index: number): [Call, Call];
}

/** Median wall of `node <empty file>` run one after another, with the same clean environment as the plugins. */
async function measureNodeStart(): Promise<number> {
  const samples: number[] = [];
  for (let index = 0; index < ROUNDS; index += 1) {
    const started = performance.now();
    await run({ argv: [process.execPath, '-e', '0'], env: {}, stdin: '' });
    samples.push(performance.now() - started);
  }
  return median(samples);
}

async function measurePair(scenario: Scenario, dir: string): Promise<number> {
  const samples: number[] = [];
  for (let index = 0; index < ROUNDS; index += 1) {
    const [add, del] = scenario.calls(dir, index);
    const started = performance.now();
    await run(add);
    await run(del);
    samples.push(performance.now() - started);
  }
  return median(samples);
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

function pair(argv: string[], stdin: string, env: (command: string) => Record<string, string>): [Call, Call] {
  return [
    { argv, env: env('ADD'), stdin },
    { argv, env: env('DEL'), stdin },
  ];
}

async function main(): Promise<void> {
  if (!existsSync(join(OURS, 'bridge')))
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
        name: 'loopback',
        nodeStartsPerPair: 2,
        calls: (dir) =>
          pair([join(dir, 'loopback')], JSON.stringify({ cniVersion: '1.0.0', name: 'lo' }), (command) =>
            attachmentEnv(command, container.path, 'b1', dir),
          ),
      },
      {
        name: 'host-local',
        nodeStartsPerPair: 2,
        calls: (dir, index) =>
          pair(
            [join(dir, 'host-local')],
            JSON.stringify({ cniVersion: '1.0.0', name: 'hl', ipam: ipam(dir) }),
            (command) => attachmentEnv(command, '/dev/null', `b${index}`, dir),
          ),
      },
      {
        name: 'bridge',
        nodeStartsPerPair: 4,
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
          return pair(argv, JSON.stringify(config), (command) =>
            attachmentEnv(command, container.path, `b${index}`, dir),
          );
        },
      },
    ];
    console.log(`ADD+DEL median wall over ${ROUNDS} rounds (ms)`);
    const nodeStart = await measureNodeStart();
    for (const scenario of scenarios) {
      const upstream = await measurePair(scenario, UPSTREAM);
      const ours = await measurePair(scenario, OURS);
      const ratio = ours / upstream;
      // Bare Node start-ups of the pair divided by upstream's whole pair: no Node plugin can beat this ratio.
      const floorRatio = (scenario.nodeStartsPerPair * nodeStart) / upstream;
      console.log(
        `${scenario.name.padEnd(10)} ours ${ours.toFixed(1)}  upstream ${upstream.toFixed(1)}  ratio ${ratio.toFixed(2)}x${ratio <= 4 ? '' : '  (goal <= 4x)'}  start-up floor ${floorRatio.toFixed(2)}x`,
      );
    }
    console.log(`node -e 0 start-up ${nodeStart.toFixed(1)} ms (the floor of every call of ours)`);
    for (const dir of [UPSTREAM, OURS]) {
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
        `host-local 64 concurrent ADDs (${dir === OURS ? 'ours' : 'upstream'}): ${wall.toFixed(0)} ms, ${(64000 / wall).toFixed(1)} ADD/s`,
      );
    }
  } finally {
    container.remove();
    host.remove();
    rmSync(data, { recursive: true, force: true });
  }
}

await main();
