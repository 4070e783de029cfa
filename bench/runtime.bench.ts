/**
 * Runtime overhead per chain operation: the wall time of ADD, CHECK and DEL over a three-plugin list, minus the
 * plugins' own process wall time (spawn to exit, as the executor measures it). Plugins are tiny sh scripts
 * run on this host (they touch nothing). Goal: median <= 5 ms.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../src/package-root.ts';
import { buildNetworkList } from '../src/runtime/network-config.ts';
import type { OperationOutcome } from '../src/runtime/outcome.ts';
import { Runtime } from '../src/runtime/runtime.ts';
import { buildDebianGoDriver, libcniUnavailable } from '../src/runtime-conformance/adapters/libcni.ts';
import { STORE_NAME, startRecording, stopRecording } from '../src/runtime-conformance/recorder/record.ts';
import { hostExecutor } from '../src/sandbox/host-executor.ts';
import { createSandbox } from '../src/sandbox/index.ts';

const GOAL_MS = 5;
const ROUNDS = 40;
const PLUGIN = `#!/bin/sh
cat >/dev/null
if [ "$CNI_COMMAND" = ADD ]; then printf '{"cniVersion":"1.0.0","interfaces":[{"name":"eth0"}],"ips":[{"address":"10.0.0.2/24"}]}'; fi
`;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function overheadMs(outcome: OperationOutcome): number {
  if (!outcome.ok) throw new Error(`${outcome.verb} failed: ${outcome.error.message}`);
  const pluginWall = outcome.invocations.reduce((sum, entry) => sum + entry.invocation.outcome.durationMs, 0);
  return outcome.durationMs - pluginWall;
}

const root = await mkdtemp(join(tmpdir(), 'cni-runtime-bench-'));
try {
  for (const type of ['bench-a', 'bench-b', 'bench-c']) {
    await writeFile(join(root, type), PLUGIN);
    await chmod(join(root, type), 0o755);
  }
  const runtime = new Runtime({ executor: hostExecutor, cniPath: [root], cacheDir: join(root, 'cache') });
  const list = buildNetworkList({
    cniVersion: '1.0.0',
    name: 'bench',
    plugins: [{ type: 'bench-a' }, { type: 'bench-b', capabilities: { mac: true } }, { type: 'bench-c' }],
  });
  const samples: Record<'ADD' | 'CHECK' | 'DEL', number[]> = { ADD: [], CHECK: [], DEL: [] };
  for (let round = 0; round < ROUNDS; round += 1) {
    const attachment = {
      containerId: `bench-${round}`,
      netns: '/run/netns/bench',
      ifname: 'eth0',
      capabilityArgs: { mac: 'c2:11:22:33:44:55' },
    };
    const results = [
      await runtime.addNetworkList(list, attachment),
      await runtime.checkNetworkList(list, attachment),
      await runtime.delNetworkList(list, attachment),
    ];
    // The first rounds warm up module loading and the JIT.
    if (round >= 5)
      for (const outcome of results) samples[outcome.verb as keyof typeof samples].push(overheadMs(outcome));
  }
  const all = Object.values(samples).flat();
  const perVerb = Object.entries(samples)
    .map(([verb, values]) => `${verb} ${median(values).toFixed(2)} ms`)
    .join(', ');
  const overall = median(all);
  console.log(
    `runtime overhead per chain operation (3 plugins): median ${overall.toFixed(2)} ms (goal <= ${GOAL_MS} ms) ${overall <= GOAL_MS ? 'OK' : 'OVER GOAL'} [${perVerb}]`,
  );
} finally {
  await rm(root, { recursive: true, force: true });
}

/**
 * `runtime record`'s recorder: the wall time of a real plugin call (host-local VERSION, /usr/lib/cni) through the
 * recorder minus the same call made directly, calls interleaved so load shifts hit both. Goal: median <= 5 ms.
 */
const RECORDER_GOAL_MS = 5;
const RECORDER_ROUNDS = 41;

/** User+system CPU of `rounds` calls of `path`, per call, from bash's `times` (load changes it far less than wall time). */
function childCpuMsPerCall(path: string, rounds: number): number {
  const loop = `for i in $(seq ${rounds}); do CNI_COMMAND=VERSION '${path}' </dev/null >/dev/null; done; times`;
  const lines = spawnSync('bash', ['-c', loop], { encoding: 'utf8' }).stdout.trim().split('\n');
  const seconds = (lines.at(-1) ?? '').split(/\s+/).map((field) => {
    const [, minutes, secs] = /^(\d+)m([\d.]+)s$/.exec(field) ?? [];
    return Number(minutes) * 60 + Number(secs);
  });
  return (((seconds[0] ?? Number.NaN) + (seconds[1] ?? Number.NaN)) * 1000) / rounds;
}
const recordRoot = await mkdtemp(join(tmpdir(), 'cni-recorder-bench-'));
const pluginDir = join(recordRoot, 'bin');
try {
  await mkdir(pluginDir);
  await copyFile('/usr/lib/cni/host-local', join(pluginDir, 'host-local'));
  const logFile = join(recordRoot, 'log.jsonl');
  await startRecording(pluginDir, logFile);
  const callOnce = (path: string) => {
    const start = performance.now();
    const call = spawnSync(path, [], { input: '{}', env: { CNI_COMMAND: 'VERSION' } });
    if (call.status !== 0) throw new Error(`${path} VERSION exited ${call.status}`);
    return performance.now() - start;
  };
  const direct: number[] = [];
  const recorded: number[] = [];
  for (let round = 0; round < RECORDER_ROUNDS; round += 1) {
    direct.push(callOnce(join(pluginDir, STORE_NAME, 'host-local')));
    recorded.push(callOnce(join(pluginDir, 'host-local')));
  }
  const lines = (await readFile(logFile, 'utf8'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  const inside = lines
    .filter((line) => line.kind === 'invocation')
    .map((line) => line.tsEnd - line.tsStart - line.pluginMs);
  const cpu = (path: string) => childCpuMsPerCall(path, RECORDER_ROUNDS);
  const cpuAdded = cpu(join(pluginDir, 'host-local')) - cpu(join(pluginDir, STORE_NAME, 'host-local'));
  await stopRecording(pluginDir);
  const overhead = median(recorded) - median(direct);
  console.log(
    `recorder overhead per plugin call: median ${overhead.toFixed(2)} ms (goal <= ${RECORDER_GOAL_MS} ms) ${overhead <= RECORDER_GOAL_MS ? 'OK' : 'OVER GOAL'} [plugin's own time ${median(direct).toFixed(2)} ms (host-local VERSION), through the recorder ${median(recorded).toFixed(2)} ms; CPU added ${cpuAdded.toFixed(2)} ms; recorder's own work around the plugin ${median(inside).toFixed(2)} ms; load average ${loadavg()[0]?.toFixed(1)}]`,
  );
} finally {
  await rm(recordRoot, { recursive: true, force: true });
}

/**
 * `cni-conformance exec` against cnitool (libcni 1.1.2, drivers/cnitool): wall time of `add` and `del` of a
 * bridge + host-local network (/usr/lib/cni) in a sandbox, cnitool and both builds of exec (Node: dist/cli.js;
 * native: dist/native/cni-exec) interleaved call by call so load shifts hit all alike; each call timed inside the
 * sandbox by the shell. Goal: the native exec's median <= 1.5 x cnitool's, per verb (the Node build cannot get
 * there: a bare Node start is already more; it is printed beside it). The native line also prints the start
 * floor every call pays before any runtime work: the same executable printing exec's help.
 */
const EXEC_GOAL_RATIO = 1.5;
const EXEC_ROUNDS = 15;
const unavailable = await libcniUnavailable();
if (unavailable) {
  console.log(`exec vs cnitool: skipped (${unavailable})`);
} else {
  const root = packageRoot();
  const cnitool = await buildDebianGoDriver('cnitool', join(root, '.tmp/drivers'));
  const nativeExec = join(root, 'dist/native/cni-exec');
  const sandbox = await createSandbox();
  try {
    await sandbox.addContainer('b1');
    const list = {
      cniVersion: '1.0.0',
      name: 'benchnet',
      plugins: [{ type: 'bridge', bridge: 'cnb0', ipam: { type: 'host-local', subnet: '10.96.0.0/24' } }],
    };
    await sandbox.command(['sh', '-c', 'cat > /etc/cni/net.d/10-bench.conflist'], {
      stdin: JSON.stringify(list),
    });
    const tools: Record<string, string> = {
      cnitool,
      node: `${process.execPath} ${join(root, 'dist/cli.js')} exec`,
      ...(existsSync(nativeExec) ? { native: nativeExec } : {}),
    };
    // One line per call: "<tool> <verb> <ms> <exit code>".
    const script = `export CNI_PATH=/usr/lib/cni
t() { s=$(date +%s%N); $2 $3 benchnet /run/netns/b1 >/dev/null 2>&1; c=$?; echo "$1 $3 $(( ($(date +%s%N) - s) / 1000 )) $c"; }
for i in $(seq ${EXEC_ROUNDS}); do
${Object.entries(tools)
  .map(([tool, command]) => `  t ${tool} '${command}' add; t ${tool} '${command}' del`)
  .join('\n')}
  t node-bare '${process.execPath} -e 0' start${
    tools.native === undefined
      ? ''
      : `
  t native-start '${tools.native} --help' start`
  }
done`;
    const outcome = await sandbox.command(['sh', '-c', script], { timeoutMs: 900_000 });
    const samples = new Map<string, number[]>();
    for (const line of outcome.stdout.trim().split('\n')) {
      const [tool, verb, micros, code] = line.split(' ');
      if (code !== '0') throw new Error(`${tool} ${verb} exited ${code}: ${outcome.stderr}`);
      const key = `${tool} ${verb}`;
      samples.set(key, [...(samples.get(key) ?? []), Number(micros) / 1000]);
    }
    const at = (key: string) => median(samples.get(key) ?? []);
    const ratios = (tool: string) =>
      ['add', 'del'].map((verb) => {
        const ratio = at(`${tool} ${verb}`) / at(`cnitool ${verb}`);
        return { ratio, text: `${verb} ${at(`${tool} ${verb}`).toFixed(1)} ms = ${ratio.toFixed(2)}x` };
      });
    const cnitoolText = `cnitool add ${at('cnitool add').toFixed(1)} ms, del ${at('cnitool del').toFixed(1)} ms`;
    const context = `load average ${loadavg()[0]?.toFixed(1)}`;
    if (tools.native === undefined) {
      console.log(
        `exec vs cnitool (native): OVER GOAL, no native build (${nativeExec}; npm run build:native)`,
      );
    } else {
      const rows = ratios('native');
      const ok = rows.every((row) => row.ratio <= EXEC_GOAL_RATIO);
      console.log(
        `exec vs cnitool per call, native build (bridge + host-local, median of ${EXEC_ROUNDS}): ${rows.map((row) => row.text).join(', ')} (goal <= ${EXEC_GOAL_RATIO}x) ${ok ? 'OK' : 'OVER GOAL'} [${cnitoolText}; the executable's start, \`cni-exec --help\`, ${at('native-start start').toFixed(1)} ms; ${context}]`,
      );
    }
    // Where the Node build's time goes: a bare Node start (no module at all) is the floor it cannot get under.
    console.log(
      `exec vs cnitool per call, Node build (same calls): ${ratios('node')
        .map((row) => row.text)
        .join(', ')} [bare \`node -e 0\` ${at('node-bare start').toFixed(1)} ms; ${context}]`,
    );
  } finally {
    await sandbox.destroy();
  }
}
