/**
 * Runs inside a sandbox (plugins.test.ts bundles it and execs it there): fast-check requests into the reference
 * plugins' own logic in-process (skel's invokeDefinition with injected env and stdin), so ten thousand requests per
 * plugin cost no process spawns. Whatever the plugins do (links, IPAM files) stays in the sandbox. Prints one
 * JSON line per plugin: runs, seed, and the counterexample with its replay path.
 * argv: <seed> <runs per plugin> <container netns path>
 */
import fc from 'fast-check';
import { hostLocalPlugin } from '../../src/plugins/ipam/host-local/host-local.ts';
import { bridgePlugin } from '../../src/plugins/main/bridge/bridge.ts';
import { loopbackPlugin } from '../../src/plugins/main/loopback/loopback.ts';
import { invokeDefinition, type PluginDefinition } from '../../src/plugins/skel/run.ts';
import { type FuzzRequest, fuzzRequests, judgeReply } from './plugin-requests.ts';

const [seedText = '1', runsText = '100', netns = '/run/netns/ctr-1'] = process.argv.slice(2);
const HANG_MS = 5_000;

/** One in-process invocation, its stderr captured (skel writes a stack there for an untyped error). */
async function invoke(definition: PluginDefinition, request: FuzzRequest): Promise<string | undefined> {
  let stderr = '';
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  }) as typeof process.stderr.write;
  try {
    const hang = new Promise<'hang'>((resolve) => setTimeout(() => resolve('hang'), HANG_MS).unref());
    const output = await Promise.race([
      invokeDefinition(definition, (name) => request.env[name], request.stdin),
      hang,
    ]);
    if (output === 'hang') return `no reply within ${HANG_MS} ms`;
    return judgeReply(output.stdout, stderr, output.exitCode);
  } finally {
    process.stderr.write = write;
  }
}

const PLUGINS: readonly [string, PluginDefinition][] = [
  ['bridge', bridgePlugin],
  ['host-local', hostLocalPlugin],
  ['loopback', loopbackPlugin],
];

for (const [type, definition] of PLUGINS) {
  const details = await fc.check(
    fc.asyncProperty(fuzzRequests(type, netns), async (request) => {
      const problem = await invoke(definition, request);
      if (problem) throw new Error(problem);
    }),
    { seed: Number(seedText), numRuns: Number(runsText) },
  );
  console.log(
    JSON.stringify({
      plugin: type,
      runs: details.numRuns,
      seed: details.seed,
      failed: details.failed,
      ...(details.failed
        ? {
            counterexample: details.counterexample,
            path: details.counterexamplePath,
            error: String(details.errorInstance),
          }
        : {}),
    }),
  );
}
process.exit(0);
