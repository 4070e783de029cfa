/**
 * The host-command seam (src/sandbox/host-command.ts): the real runner's exit, error and timeout behaviour, and
 * a fake runner handed to a caller instead of the real one.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createCommandAdapter } from '../../src/runtime-conformance/adapters/command.ts';
import type { Workspace } from '../../src/runtime-conformance/workspace.ts';
import {
  HostCommandError,
  type HostCommandRunner,
  runHostCommand,
  runToOutcome,
} from '../../src/sandbox/host-command.ts';

/** Running (not gone, not a zombie waiting for init to reap it). */
function running(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

async function stopsRunning(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (running(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  return !running(pid);
}

describe('runHostCommand', () => {
  it('resolves with stdout and stderr, given exactly the env passed', async () => {
    const { stdout, stderr } = await runHostCommand('sh', ['-c', 'echo "$ONLY"; echo warn >&2'], {
      env: { ONLY: 'this', PATH: '/usr/bin:/bin' },
    });
    expect(stdout).toBe('this\n');
    expect(stderr).toBe('warn\n');
  });

  it('rejects on a non-zero exit with one line: command, exit code, first stderr line', async () => {
    const failed = await runHostCommand('sh', ['-c', 'echo "no such thing" >&2; echo more >&2; exit 3']).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failed).toBeInstanceOf(HostCommandError);
    const error = failed as HostCommandError;
    expect(error.exitCode).toBe(3);
    expect(error.message).toMatch(/^`sh -c .*` exited 3: no such thing$/);
    expect(error.message).not.toContain('\n');
  });

  it('names a missing program as not found', async () => {
    const error = await runHostCommand('cnc-no-such-program', ['x']).catch((e: unknown) => e);
    expect(error).toMatchObject({ notFound: true });
    expect((error as Error).message).toBe('`cnc-no-such-program x` not found');
  });

  it('kills the whole process group on timeout (a forked sleeper included)', async () => {
    const started = Date.now();
    const error = await runHostCommand('sh', ['-c', 'sleep 30 & echo $!; wait'], { timeoutMs: 300 }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ timedOut: true });
    expect((error as Error).message).toMatch(/timed out after 0.3 s \(process group killed\)/);
    const sleeper = Number((error as HostCommandError).stdout.trim());
    expect(sleeper).toBeGreaterThan(0);
    // The grandchild held stdout open: the command only ended because the group was killed.
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(await stopsRunning(sleeper, 5_000)).toBe(true);
  });
});

describe('runToOutcome (a non-zero exit is an answer: docker exec, vagrant ssh)', () => {
  it('gives the exit code and both streams as data', async () => {
    const outcome = await runToOutcome(runHostCommand, 'sh', ['-c', 'echo out; echo err >&2; exit 3']);
    expect(outcome).toMatchObject({ exitCode: 3, stdout: 'out\n', stderr: 'err\n', spawnError: null });
  });

  it('gives a missing program as a spawn error, a timeout as exit null and SIGKILL', async () => {
    const missing = await runToOutcome(runHostCommand, 'cnc-no-such-program', []);
    expect(missing).toMatchObject({ exitCode: null, spawnError: '`cnc-no-such-program` not found' });
    const slow = await runToOutcome(runHostCommand, 'sleep', ['30'], { timeoutMs: 200 });
    expect(slow).toMatchObject({ exitCode: null, timedOut: true, signal: 'SIGKILL', spawnError: null });
  });
});

describe('a caller given a fake runner', () => {
  it('the command adapter runs its filled-in templates through the runner it was given', async () => {
    const calls: string[][] = [];
    const fake: HostCommandRunner = async (file, args) => {
      calls.push([file, ...args]);
      if (args.includes('del')) throw new HostCommandError('rt del', fakeFailure, 1000);
      return { stdout: '', stderr: '' };
    };
    // The adapter reads only these directories of its workspace.
    const dirs = { confDir: '/c', binDir: '/b', cniPath: ['/b', '/b2'], cacheDir: '/k' };
    const workspace = dirs as unknown as Workspace;
    const adapter = createCommandAdapter(
      workspace,
      { name: 'fake', commands: { add: ['rt', 'add', '{id}', '{netns}'], del: ['rt', 'del', '{id}'] } },
      fake,
    );
    const request = { network: 'n', containerId: 'c1', netns: '/run/netns/x', ifname: 'eth0' };
    expect(await adapter.add(request)).toEqual({ ok: true });
    expect(await adapter.del(request)).toMatchObject({ ok: false });
    expect(calls).toEqual([
      ['rt', 'add', 'c1', '/run/netns/x'],
      ['rt', 'del', 'c1'],
    ]);
  });
});

const fakeFailure = {
  notFound: false,
  timedOut: false,
  exitCode: 1,
  signal: undefined,
  stdout: '',
  stderr: '',
};
