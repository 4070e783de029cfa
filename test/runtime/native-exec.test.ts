/**
 * How the native exec (dist/native/cni-exec, a personality of the multi-call executable) is reached: under its
 * own name, through a symlink of any name (`cnitool`), as `cni-plugins cni-exec`; each answers as
 * `cni-conformance exec` does. It reads no `.env` from the caller's working directory (Bun's compiled
 * executables would by default). Its behaviour call for call is test/runtime/exec-vs-cnitool.test.ts's.
 */
import { rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ensureBuilt, scratchDir } from '../cli/built-cli.ts';
import { nativePlugins } from '../plugins/support.ts';

async function run(file: string, args: readonly string[], cwd: string, env: Record<string, string> = {}) {
  const result = await execa(file, args, { cwd, reject: false, timeout: 60_000, env, extendEnv: false });
  return { exitCode: result.exitCode, stdout: String(result.stdout), stderr: String(result.stderr) };
}

describe('the native exec', () => {
  let native: string;
  let dir: string;
  beforeAll(() => {
    ensureBuilt();
    native = nativePlugins();
    dir = scratchDir();
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('answers as cni-exec, through a symlink named cnitool and as `cni-plugins cni-exec`, like the Node exec', async () => {
    const node = await run(process.execPath, [CLI, 'exec', '--help'], dir);
    expect(node.exitCode).toBe(0);
    symlinkSync(join(native, 'cni-exec'), join(dir, 'cnitool'));
    for (const [file, args] of [
      [join(native, 'cni-exec'), ['--help']],
      [join(dir, 'cnitool'), ['--help']],
      [join(native, 'cni-plugins'), ['cni-exec', '--help']],
    ] as const) {
      expect(await run(file, args, dir), `${file} ${args.join(' ')}`).toEqual(node);
    }
  });

  it('exits 1 with the same one line as the Node exec on a usage error', async () => {
    const node = await run(process.execPath, [CLI, 'exec', 'add', 'net'], dir);
    expect(node.exitCode).toBe(1);
    expect(await run(join(native, 'cni-exec'), ['add', 'net'], dir)).toEqual(node);
  });

  it('takes no settings from a .env in its working directory', async () => {
    writeFileSync(join(dir, '.env'), 'NETCONFPATH=/from-dotenv\n');
    const args = ['add', 'nosuchnet', '/run/netns/none'];
    const outcome = await run(join(native, 'cni-exec'), args, dir);
    expect(outcome.exitCode).toBe(1);
    expect(outcome.stderr).toContain('in /etc/cni/net.d');
    expect(outcome.stderr).not.toContain('/from-dotenv');
  });
});
