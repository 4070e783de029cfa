/**
 * The vagrant sandbox's host commands on a fake runner (no VM here): how `vagrant` is exec'd (prefix, env,
 * timeout), a non-zero exit turned into an outcome rather than an exception, and the payload's and reports'
 * tar failures as one-line harness errors.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  HostCommandError,
  type HostCommandOptions,
  type HostCommandRunner,
} from '../../../src/sandbox/host-command.ts';
import { buildPayload } from '../../../src/sandbox/vagrant/payload.ts';
import { unpackReports } from '../../../src/sandbox/vagrant/reports.ts';
import { hostVagrant } from '../../../src/sandbox/vagrant/vagrant-cli.ts';

const work = mkdtempSync(join(tmpdir(), 'cnct-vagrant-fake-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function failure(command: string, exitCode: number, stdout: string, stderr: string): HostCommandError {
  return new HostCommandError(
    command,
    { notFound: false, timedOut: false, exitCode, signal: undefined, stdout, stderr },
    1000,
  );
}

describe('hostVagrant on a fake runner', () => {
  it('runs vagrant behind the prefix, with VAGRANT_CWD and the call timeout', async () => {
    const calls: { file: string; args: readonly string[]; options: HostCommandOptions | undefined }[] = [];
    const runner: HostCommandRunner = async (file, args, options) => {
      calls.push({ file, args, options });
      return { stdout: '1,debian12,state,running\n', stderr: '' };
    };
    const vagrant = hostVagrant({
      vagrantDir: '/srv/vagrant',
      prefix: ['ip', 'netns', 'exec', 'cnct-vagrant'],
      env: { VAGRANT_HOME: '/srv/home' },
      runner,
    });
    const outcome = await vagrant(['status', 'debian12', '--machine-readable'], { timeoutMs: 5_000 });
    expect(outcome).toMatchObject({ exitCode: 0, stdout: '1,debian12,state,running\n', timedOut: false });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.file).toBe('ip');
    expect(calls[0]?.args).toEqual([
      'netns',
      'exec',
      'cnct-vagrant',
      'vagrant',
      'status',
      'debian12',
      '--machine-readable',
    ]);
    expect(calls[0]?.options).toMatchObject({
      timeoutMs: 5_000,
      env: { VAGRANT_CWD: '/srv/vagrant', VAGRANT_HOME: '/srv/home', VAGRANT_NO_COLOR: '1' },
    });
  });

  it('gives a non-zero exit (the inner run found a failing check) as an outcome, output kept', async () => {
    const runner: HostCommandRunner = async () => {
      throw failure('vagrant ssh', 1, 'FAIL P-ADD-1\n', 'one check failed\n');
    };
    const outcome = await hostVagrant({ vagrantDir: '/v', runner })(['ssh', 'debian12', '-c', 'run']);
    expect(outcome).toMatchObject({
      exitCode: 1,
      stdout: 'FAIL P-ADD-1\n',
      stderr: 'one check failed\n',
      spawnError: null,
    });
  });

  it('gives a timeout as exit null, timedOut, SIGKILL', async () => {
    const runner: HostCommandRunner = async () => {
      throw new HostCommandError(
        'vagrant up',
        { notFound: false, timedOut: true, exitCode: undefined, signal: 'SIGKILL', stdout: '', stderr: '' },
        1000,
      );
    };
    const outcome = await hostVagrant({ vagrantDir: '/v', runner })(['up', 'debian12']);
    expect(outcome).toMatchObject({ exitCode: null, timedOut: true, signal: 'SIGKILL' });
  });
});

describe('payload and reports on a fake runner', () => {
  it('a failed tar step of the payload is one harness error line naming it', async () => {
    const runner: HostCommandRunner = async (file) => {
      throw failure(`${file} -cf`, 2, '', 'tar: pkg: Cannot stat: No such file or directory');
    };
    const sources = { packageRoot: '/nonexistent/pkg', nodeBinary: '/usr/bin/node', cniPath: [] };
    const error = await buildPayload(sources, join(work, 'p.tar'), runner).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CNI_CONFORMANCE_SANDBOX_FAILED' });
    expect((error as Error).message).toBe(
      'vagrant payload: `tar -cf` exited 2: tar: pkg: Cannot stat: No such file or directory',
    );
  });

  it('an unreadable report archive is one harness error line', async () => {
    const calls: string[][] = [];
    const runner: HostCommandRunner = async (file, args) => {
      calls.push([file, ...args]);
      throw failure('tar -xzf', 2, '', 'gzip: stdin: not in gzip format');
    };
    const error = await unpackReports('aGVsbG8=\n', join(work, 'reports'), runner).catch((e: unknown) => e);
    expect(calls[0]?.slice(0, 2)).toEqual(['tar', '-xzf']);
    expect((error as Error).message).toBe(
      'vagrant sandbox: report archive unreadable: `tar -xzf` exited 2: gzip: stdin: not in gzip format',
    );
  });
});
