/**
 * `runtime record`: the C recorder runs the real plugin unchanged (stdin, stdout, stderr, exit code, signal), logs
 * each call with its parent so delegation shows, and `--restore` puts the dir back, also after a crash.
 */
import { spawnSync } from 'node:child_process';
import {
  chmod,
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  readlink,
  rename,
  rm,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runRuntimeCommand } from '../../src/cli/runtime-command.ts';
import { parseRuntimeLog } from '../../src/runtime-conformance/log.ts';
import { STORE_NAME } from '../../src/runtime-conformance/recorder/record.ts';

/** Echoes stdin, writes stderr, exits with $EXIT, or kills itself with $SIG; `outer` runs `inner` as a delegate. */
const ECHO = `#!/bin/sh
in=$(cat)
echo "stderr of $(basename "$0")" >&2
printf '%s' "$in"
[ -n "$SIG" ] && kill -"$SIG" $$
exit "\${EXIT:-0}"
`;
const OUTER = `#!/bin/sh
in=$(cat)
printf '%s' "$in" | "$DIR/inner" >/dev/null
printf '{"cniVersion":"1.0.0"}'
`;

let root: string;
let dir: string;
let log: string;
const io = () => {
  const out: string[] = [];
  return {
    out,
    io: { stdout: { write: (t: string) => out.push(t) }, stderr: { write: (t: string) => out.push(t) } },
  };
};

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'cnc-record-'));
  dir = join(root, 'bin');
  log = join(root, 'log.jsonl');
  await mkdir(dir);
  for (const [name, text] of [
    ['echo', ECHO],
    ['inner', ECHO],
    ['outer', OUTER],
  ] as const) {
    await writeFile(join(dir, name), text);
    await chmod(join(dir, name), 0o755);
  }
  await symlink('echo', join(dir, 'echo-link'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

async function record(): Promise<void> {
  const { io: sink, out } = io();
  expect(await runRuntimeCommand(['record', '--plugin-dir', dir, '--log', log], sink), out.join('')).toBe(0);
}

async function restore(): Promise<string> {
  const { io: sink, out } = io();
  expect(await runRuntimeCommand(['record', '--restore', dir], sink)).toBe(0);
  return out.join('');
}

function callPlugin(name: string, env: Record<string, string> = {}) {
  return spawnSync(join(dir, name), [], {
    input: '{"cniVersion":"1.0.0","name":"n","type":"echo"}',
    env: { PATH: process.env.PATH, CNI_COMMAND: 'ADD', CNI_NETNS: '/proc/self/ns/net', DIR: dir, ...env },
    encoding: 'utf8',
  });
}

async function snapshot(): Promise<Record<string, string>> {
  const names = (await readdir(dir)).filter((name) => name !== STORE_NAME).sort();
  return Object.fromEntries(
    await Promise.all(
      names.map(async (name) => {
        const stat = await lstat(join(dir, name));
        return [
          name,
          stat.isSymbolicLink()
            ? `-> ${await readlink(join(dir, name))}`
            : await readFile(join(dir, name), 'utf8'),
        ];
      }),
    ),
  );
}

describe('runtime record', () => {
  it('passes stdout, stderr, exit codes and signals through unchanged, and logs each call', async () => {
    const direct = [
      callPlugin('echo'),
      callPlugin('echo', { EXIT: '3' }),
      callPlugin('echo', { SIG: 'TERM' }),
    ];
    await record();
    const recorded = [
      callPlugin('echo'),
      callPlugin('echo', { EXIT: '3' }),
      callPlugin('echo', { SIG: 'TERM' }),
    ];
    for (const [index, got] of recorded.entries()) {
      const want = direct[index];
      expect([got.stdout, got.stderr, got.status, got.signal]).toEqual([
        want?.stdout,
        want?.stderr,
        want?.status,
        want?.signal,
      ]);
    }
    expect(recorded[2]?.signal).toBe('SIGTERM');
    expect(callPlugin('echo-link').stdout).toBe(direct[0]?.stdout);
    const parsed = parseRuntimeLog(await readFile(log, 'utf8'));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    expect(parsed.value.recorderPlugins).toEqual(['echo', 'echo-link', 'inner', 'outer']);
    const calls = parsed.value.invocations;
    expect(calls.map((c) => [c.calledAs, c.exitCode])).toEqual([
      ['echo', 0],
      ['echo', 3],
      ['echo', 128 + 15],
      ['echo-link', 0],
    ]);
    expect(calls[0]).toMatchObject({
      env: { CNI_COMMAND: 'ADD', CNI_NETNS: '/proc/self/ns/net' },
      stdin: { type: 'echo' },
      stdout: '{"cniVersion":"1.0.0","name":"n","type":"echo"}',
      netns: { path: '/proc/self/ns/net', isNsfs: true },
      selfNetns: expect.stringMatching(/^net:\[\d+\]$/),
    });
    expect(calls[0]?.otherEnvNames).toContain('PATH');
  });

  it("links a delegate's call to the plugin that ran it (ppid)", async () => {
    await record();
    expect(callPlugin('outer').status).toBe(0);
    const parsed = parseRuntimeLog(await readFile(log, 'utf8'));
    if (!parsed.ok) throw new Error('unparsed');
    const [outer, inner] = ['outer', 'inner'].map((n) =>
      parsed.value.invocations.find((c) => c.calledAs === n),
    );
    expect(inner?.ppid).toBe(outer?.pid);
  });

  it('restores every plugin byte for byte, and refuses to record a dir twice', async () => {
    const before = await snapshot();
    await record();
    expect((await snapshot()).echo).not.toBe(before.echo);
    const { io: sink, out } = io();
    expect(await runRuntimeCommand(['record', '--plugin-dir', dir, '--log', log], sink)).toBe(2);
    expect(out.join('')).toMatch(/already being recorded .* — cni-conformance runtime record --restore/);
    expect(await restore()).toMatch(/^restored 4 plugin\(s\)/);
    expect(await snapshot()).toEqual(before);
  });

  it('restores after a crash part-way through (the state file says what was moved)', async () => {
    const before = await snapshot();
    await record();
    // As if the recording had crashed before wrapping `outer`: its binary is still in place, a copy half-staged.
    await rename(join(dir, STORE_NAME, 'outer'), join(dir, 'outer'));
    await writeFile(join(dir, '.outer.recorder'), 'partial');
    await restore();
    expect(await snapshot()).toEqual(before);
  });

  it('says which dir is not being recorded', async () => {
    const { io: sink, out } = io();
    expect(await runRuntimeCommand(['record', '--restore', dir], sink)).toBe(2);
    expect(out.join('')).toMatch(/is not being recorded/);
  });
});
