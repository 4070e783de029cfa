/**
 * Fuzzing the reference plugins (bridge, host-local, loopback): 10,000 fast-check requests per plugin run
 * IN-PROCESS (the plugins' skel with injected env and stdin, in one node process exec'd inside a sandbox, so
 * whatever they do stays there), plus 10 REAL EXECS per plugin of the built binaries (dist/plugins) in a
 * sandbox. No crash, hang or stack trace; every error a well-known code with a msg. Seed and counterexamples
 * are printed; replay with FUZZ_SEED.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.ts';
import { fuzzRequests, judgeReply } from './plugin-requests.ts';

const isRoot = process.geteuid?.() === 0;
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const IN_PROCESS_RUNS = 10_000;
const REAL_EXECS = 10;
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const WORKER = fileURLToPath(new URL('./plugin-worker.ts', import.meta.url));
const PLUGINS = ['bridge', 'host-local', 'loopback'] as const;

let scratch = '';
let sandbox: Sandbox;
let netns = '';

describe.runIf(isRoot)('fuzzing the reference plugins', () => {
  beforeAll(async () => {
    // Bundled before the sandbox exists: its /tmp is a copy-on-write view of the host's at that moment.
    scratch = mkdtempSync('/tmp/cni-fuzz-');
    buildSync({
      entryPoints: [WORKER],
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: join(scratch, 'worker.mjs'),
      logLevel: 'error',
    });
    sandbox = await createSandbox({ mode: 'root' });
    netns = (await sandbox.addContainer()).netnsPath;
  }, 60_000);
  afterAll(async () => {
    await sandbox?.destroy();
    rmSync(scratch, { recursive: true, force: true });
  });

  it(`${IN_PROCESS_RUNS} in-process requests per plugin, in a sandbox: typed errors only`, async () => {
    const outcome = await sandbox.run({
      file: process.execPath,
      args: [join(scratch, 'worker.mjs'), String(SEED), String(IN_PROCESS_RUNS), netns],
      env: {},
      timeoutMs: 50_000,
    });
    const reports = outcome.stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { plugin: string; runs: number; failed: boolean });
    console.log(`plugin fuzz (in-process): seed ${SEED}; ${outcome.stdout.trim()}`);
    expect(outcome.timedOut, outcome.stderr.slice(-500)).toBe(false);
    expect(reports.map((report) => report.plugin)).toEqual([...PLUGINS]);
    expect(reports.filter((report) => report.failed)).toEqual([]);
  }, 60_000);

  it(`${REAL_EXECS} real execs per plugin of dist/plugins in a sandbox: typed errors only`, async () => {
    const counts: string[] = [];
    for (const type of PLUGINS) {
      const requests = fc.sample(fuzzRequests(type, netns), { seed: SEED, numRuns: REAL_EXECS });
      for (const [index, request] of requests.entries()) {
        const outcome = await sandbox.run({
          file: join(ROOT, 'dist/plugins', type),
          env: request.env,
          stdin: request.stdin,
          timeoutMs: 10_000,
        });
        const problem = outcome.timedOut
          ? 'no reply within 10 s'
          : judgeReply(outcome.stdout, outcome.stderr, outcome.exitCode);
        expect(
          problem,
          `${type} request #${index} (seed ${SEED}): ${JSON.stringify(request)}`,
        ).toBeUndefined();
      }
      counts.push(`${type} ${requests.length}`);
    }
    console.log(`plugin fuzz (real execs): seed ${SEED}; ${counts.join(', ')}`);
  }, 60_000);
});
