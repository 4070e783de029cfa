/**
 * Runtime overhead per chain operation: the wall time of ADD, CHECK and DEL over a three-plugin list, minus the
 * plugins' own process wall time (spawn to exit, as the executor measures it). Plugins are tiny sh scripts
 * run on this host (they touch nothing). Goal: median <= 5 ms.
 */
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildNetworkList } from '../src/runtime/load-config.ts';
import type { OperationOutcome } from '../src/runtime/outcome.ts';
import { Runtime } from '../src/runtime/runtime.ts';
import { hostExecutor } from '../src/sandbox/host-executor.ts';

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
