/**
 * The native exec's executor (src/cli/exec-executor.ts, Bun.spawn) against hostExecutor (node:child_process), both
 * under Bun as the native build runs them: the same requests give the same outcomes (all but the duration), the
 * awkward ones included (a sleeper holding the pipes after the program exits, a timeout, a flood, a signal, a
 * program that cannot start).
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ProcessRequest } from '../../src/sandbox/process.ts';

const ROOT = resolve(import.meta.dirname, '../..');

/** The Bun binary the native build is compiled with (scripts/build-native.mjs looks in the same places). */
function bunBinary(): string {
  const base = `bun-${process.platform}-${process.arch === 'arm64' ? 'aarch64' : process.arch}`;
  const candidates = [
    ...['', '-baseline', '-musl', '-musl-baseline'].map((suffix) =>
      join(ROOT, 'node_modules/@oven', `${base}${suffix}`, 'bin/bun'),
    ),
    join(ROOT, 'node_modules/bun/bin/bun.exe'),
  ];
  const found = candidates.find((file) => existsSync(file) && statSync(file).size > 1_000_000);
  if (!found) throw new Error(`no Bun binary in node_modules (${candidates.join(', ')})`);
  return found;
}

const dir = mkdtempSync(join(tmpdir(), 'exec-executor-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('exec’s Bun.spawn executor', () => {
  it('gives hostExecutor’s outcome for every request, under Bun', () => {
    const notExecutable = join(dir, 'not-executable');
    writeFileSync(notExecutable, '#!/bin/sh\necho hi\n');
    chmodSync(notExecutable, 0o644);
    const sh = (script: string, extra: Partial<ProcessRequest> = {}): ProcessRequest => ({
      file: '/bin/sh',
      args: ['-c', script],
      env: {},
      ...extra,
    });
    const requests: ProcessRequest[] = [
      { file: '/bin/cat', env: {}, stdin: '{"cniVersion":"1.0.0"}' },
      { file: '/bin/cat', env: {} },
      sh('echo "$PATH"; echo "$A"; echo oops >&2; exit 2', { env: { A: 'b' } }),
      sh('echo "$PATH"', { env: { PATH: '/bin' } }),
      sh('sleep 5 & echo started; exit 3', { stdin: 'x' }),
      sh('sleep 10', { timeoutMs: 300 }),
      sh('head -c 5000000 /dev/zero; echo err >&2; kill -TERM $$'),
      { file: join(dir, 'missing'), env: {} },
      { file: notExecutable, env: {} },
    ];
    const script = join(dir, 'compare.ts');
    writeFileSync(
      script,
      `import { execExecutor } from ${JSON.stringify(join(ROOT, 'src/cli/exec-executor.ts'))};
import { hostExecutor } from ${JSON.stringify(join(ROOT, 'src/sandbox/host-executor.ts'))};
const strip = ({ durationMs, ...rest }) => rest;
const requests = JSON.parse(process.argv[2]);
const bun = execExecutor();
const pairs = [];
for (const request of requests) pairs.push([strip(await bun.run(request)), strip(await hostExecutor.run(request))]);
require('node:fs').writeFileSync(process.argv[3], JSON.stringify(pairs));
process.exit(0);
`,
    );
    const output = join(dir, 'pairs.json');
    execFileSync(bunBinary(), [script, JSON.stringify(requests), output], { cwd: dir, stdio: 'inherit' });
    const pairs = JSON.parse(readFileSync(output, 'utf8')) as [unknown, unknown][];
    expect(pairs).toHaveLength(requests.length);
    for (const [index, [bun, host]] of pairs.entries())
      expect({ index, ...(bun as object) }).toEqual({ index, ...(host as object) });
  }, 60_000);
});
