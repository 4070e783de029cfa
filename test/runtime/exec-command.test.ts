/**
 * `cni-conformance exec` (src/cli/exec-command.ts) as a drop-in cnitool, driving the recording fixture plugin
 * on this host (it touches no network).
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deriveContainerId, runExecCommand } from '../../src/cli/exec-command.ts';
import { cacheFilePath } from '../../src/runtime/cache.ts';
import { installRecordingPlugins, makeScratchDirs, type ScratchDirs } from './support/temp-dirs.ts';

function captureIo() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: {
      stdout: { write: (text: string) => out.push(text) },
      stderr: { write: (text: string) => err.push(text) },
    },
    stdout: () => out.join(''),
    stderr: () => err.join(''),
  };
}

describe('runExecCommand', () => {
  let dirs: ScratchDirs;
  let env: NodeJS.ProcessEnv;
  const recordLog = () => join(dirs.root, 'calls.jsonl');
  const logLines = async () =>
    (await readFile(recordLog(), 'utf8'))
      .trim()
      .split('\n')
      .map(
        (line) =>
          JSON.parse(line) as { verb: string; env: Record<string, string>; config: Record<string, unknown> },
      );

  beforeEach(async () => {
    dirs = await makeScratchDirs();
    await installRecordingPlugins(dirs.binDir, ['rec-a', 'rec-b']);
    const plugins = [
      { type: 'rec-a', recordLog: recordLog(), capabilities: { mac: true } },
      { type: 'rec-b', recordLog: recordLog() },
    ];
    await writeFile(
      join(dirs.confDir, '10-exec.conflist'),
      JSON.stringify({ cniVersion: '1.1.0', name: 'execnet', plugins }),
    );
    env = {
      PATH: process.env.PATH,
      NETCONFPATH: dirs.confDir,
      CNI_PATH: dirs.binDir,
      CNI_CONFORMANCE_CACHE_DIR: dirs.cacheDir,
      CNI_ARGS: 'IgnoreUnknown=1;FOO=bar',
      CAP_ARGS: '{"mac":"c2:11:22:33:44:55"}',
    };
  });
  afterEach(() => dirs.cleanup());

  it('derives the container ID as cnitool: "cnitool-" + 10 bytes of sha512(netns path)', async () => {
    expect(await deriveContainerId('/run/netns/exec-test')).toBe('cnitool-ed484bfcf3729ebd5221');
  });

  it('runs add, check, status and gc (which DELs the stale attachment) with cnitool’s environment and prints the ADD result', async () => {
    for (const verb of ['add', 'check', 'status', 'gc']) {
      const capture = captureIo();
      expect(await runExecCommand([verb, 'execnet', '/run/netns/exec-test'], env, capture.io)).toBe(0);
      if (verb === 'add')
        expect(JSON.parse(capture.stdout())).toMatchObject({
          cniVersion: '1.1.0',
          interfaces: [{ name: 'rec-a' }, { name: 'rec-b' }],
        });
      else expect(capture.stdout()).toBe('');
    }
    const lines = await logLines();
    expect(lines.map((line) => line.verb)).toEqual([
      'ADD',
      'ADD',
      'CHECK',
      'CHECK',
      'STATUS',
      'STATUS',
      'DEL',
      'DEL',
      'GC',
      'GC',
    ]);
    expect(lines[0]?.env).toEqual({
      CNI_COMMAND: 'ADD',
      CNI_CONTAINERID: 'cnitool-ed484bfcf3729ebd5221',
      CNI_NETNS: '/run/netns/exec-test',
      CNI_IFNAME: 'eth0',
      CNI_ARGS: 'IgnoreUnknown=1;FOO=bar',
      CNI_PATH: dirs.binDir,
    });
    expect(lines[0]?.config.runtimeConfig).toEqual({ mac: 'c2:11:22:33:44:55' });
    // gc without a valid list deletes the cached attachment first, as cnitool does
    expect(lines[6]?.env.CNI_CONTAINERID).toBe('cnitool-ed484bfcf3729ebd5221');
  });

  it('takes the interface name from -i/--ifname, then CNI_IFNAME, then eth0', async () => {
    await runExecCommand(['add', 'execnet', '/run/netns/exec-test', '--ifname', 'net7'], env, captureIo().io);
    await runExecCommand(
      ['add', 'execnet', '/run/netns/exec-test'],
      { ...env, CNI_IFNAME: 'net8' },
      captureIo().io,
    );
    expect(
      (await logLines()).filter((line) => line.verb === 'ADD').map((line) => line.env.CNI_IFNAME),
    ).toEqual(['net7', 'net7', 'net8', 'net8']);
  });

  it('keeps an empty CNI_IFNAME empty, as cnitool (eth0 only when unset)', async () => {
    const capture = captureIo();
    const code = await runExecCommand(
      ['add', 'execnet', '/run/netns/exec-test'],
      { ...env, CNI_IFNAME: '' },
      capture.io,
    );
    // libcni validates the name before any plugin runs, and so does the runtime: an error, not a silent eth0.
    expect(code).toBe(1);
    expect(capture.stderr()).toMatch(/interface name is empty/);
    expect(existsSync(recordLog())).toBe(false);
  });

  it('in spec mode, a failing repeated ADD that tears the attachment down drops its cached result too', async () => {
    env = { ...env, CNI_CONFORMANCE_LIBCNI_COMPAT: '0' };
    const netns = '/run/netns/exec-repeat';
    expect(await runExecCommand(['add', 'execnet', netns], env, captureIo().io)).toBe(0);
    const cache = cacheFilePath(dirs.cacheDir, 'execnet', {
      containerId: await deriveContainerId(netns),
      netns,
      ifname: 'eth0',
    });
    expect(existsSync(cache)).toBe(true);
    const failing = [
      { type: 'rec-a', recordLog: recordLog() },
      {
        type: 'rec-b',
        recordLog: recordLog(),
        recordBehaviour: { ADD: { fail: { code: 11, msg: 'exists' } } },
      },
    ];
    await writeFile(
      join(dirs.confDir, '10-exec.conflist'),
      JSON.stringify({ cniVersion: '1.1.0', name: 'execnet', plugins: failing }),
    );
    expect(await runExecCommand(['add', 'execnet', netns], env, captureIo().io)).toBe(1);
    // The runtime's DEL after the failed ADD removed the working attachment: no cached result may claim it.
    expect((await logLines()).map((line) => line.verb)).toEqual(['ADD', 'ADD', 'ADD', 'ADD', 'DEL', 'DEL']);
    expect(existsSync(cache)).toBe(false);
  });

  it('in spec mode, refuses CHECK of an attachment never added, in one line', async () => {
    const capture = captureIo();
    const spec = { ...env, CNI_CONFORMANCE_LIBCNI_COMPAT: '0' };
    expect(await runExecCommand(['check', 'execnet', '/run/netns/never-added'], spec, capture.io)).toBe(1);
    expect(capture.stderr()).toMatch(
      /^no cached ADD result for container "cnitool-[0-9a-f]{20}" ifname "eth0"\n$/,
    );
  });

  it.each([
    [['frob', 'execnet', '/x'], {}, 'unknown exec command "frob"'],
    [['add', 'execnet'], {}, 'exec needs exactly <network> and <netns-path>'],
    [['add', 'nope', '/x'], {}, 'no net configuration with name "nope"'],
    [['add', 'execnet', '/x'], { CNI_ARGS: 'novalue' }, 'invalid CNI_ARGS pair "novalue"'],
    [['add', 'execnet', '/x'], { CAP_ARGS: '[1]' }, 'CAP_ARGS is not a JSON object'],
  ])('returns 1 (as cnitool) with one line for bad input %j %j', async (args, extra, message) => {
    const capture = captureIo();
    expect(await runExecCommand(args, { ...env, ...extra }, capture.io)).toBe(1);
    expect(capture.stderr()).toContain(message);
    expect(capture.stderr().trim().split('\n')).toHaveLength(1);
  });
});
