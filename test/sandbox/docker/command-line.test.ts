/**
 * The docker sandbox's command lines, on a fake runner (no engine): what `docker run` starts, the fallback
 * to capabilities when the engine refuses --privileged, and that the container is removed after the run
 * whatever the inner CLI's verdict.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CONTAINER_REPORT_DIR,
  dockerCli,
  runInDockerSandbox,
  sandboxRunArgs,
  startSandboxContainer,
} from '../../../src/sandbox/docker/index.ts';
import { HostCommandError, type HostCommandRunner } from '../../../src/sandbox/host-command.ts';

const work = mkdtempSync(join(tmpdir(), 'cni-docker-fake-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const OPTIONS = {
  image: 'sandbox:1',
  readOnlyPaths: ['/srv/harness', '/srv/harness/dist', '/opt/cni/bin'],
  reportDir: '/tmp/reports',
  mountHostSystem: false,
};

function failure(command: string, exitCode: number, stderr: string): HostCommandError {
  const outcome = { notFound: false, timedOut: false, exitCode, signal: undefined, stdout: '', stderr };
  return new HostCommandError(command, outcome, 1000);
}

/** A fake `docker`: records each argv; `answer` gives stdout or throws as the real runner would. */
function fakeDocker(answer: (args: readonly string[]) => string) {
  const calls: string[][] = [];
  const runner: HostCommandRunner = async (file, args) => {
    calls.push([file, ...args]);
    return { stdout: answer(args), stderr: '' };
  };
  return { calls, cli: dockerCli(runner) };
}

describe('sandboxRunArgs', () => {
  it('starts detached, without network, with minimal read-only binds and a rw report dir', () => {
    const args = sandboxRunArgs(OPTIONS, 'privileged', 'L1', 'engine');
    expect(args).toEqual([
      'run',
      '--detach',
      '--network',
      'none',
      '--label',
      'cni-conformance=sandbox',
      '--label',
      'cni-conformance.run=L1',
      '--tmpfs',
      '/tmp:rw,mode=1777',
      '-v',
      '/opt/cni/bin:/opt/cni/bin:ro',
      '-v',
      '/srv/harness:/srv/harness:ro',
      '-v',
      `/tmp/reports:${CONTAINER_REPORT_DIR}:rw`,
      '--privileged',
      '--init',
      'sandbox:1',
      'sleep',
      'infinity',
    ]);
  });

  it('without privilege adds exactly NET_ADMIN, SYS_ADMIN and unconfined seccomp/AppArmor', () => {
    const args = sandboxRunArgs(OPTIONS, 'capabilities', 'L1', 'engine').join(' ');
    expect(args).not.toContain('--privileged');
    expect(args).toContain(
      '--cap-add NET_ADMIN --cap-add SYS_ADMIN --security-opt seccomp=unconfined --security-opt apparmor=unconfined',
    );
  });

  it("mounts the host's static tini as the entrypoint when there is one", () => {
    const args = sandboxRunArgs(OPTIONS, 'privileged', 'L1', 'host-tini').join(' ');
    expect(args).toMatch(/-v \/usr\/bin\/tini-static:(\S+):ro --entrypoint \1 sandbox:1 -- sleep infinity$/);
    expect(args).not.toContain('--init');
  });
});

describe('startSandboxContainer on a fake docker', () => {
  it('falls back to capabilities when --privileged is refused, removing the failed attempt', async () => {
    const { calls, cli } = fakeDocker((args) => {
      if (args[0] === 'run' && args.includes('--privileged'))
        throw failure('docker run', 125, 'privileged mode is incompatible with user namespaces');
      if (args[0] === 'ps') return 'dead1\n';
      return args[0] === 'run' ? 'c0ffee\n' : '';
    });
    const container = await startSandboxContainer(OPTIONS, cli);
    expect(container).toMatchObject({ id: 'c0ffee', privilege: 'capabilities' });
    expect(calls.map((call) => call.slice(0, 3))).toEqual([
      ['docker', 'run', '--detach'],
      ['docker', 'ps', '-aq'],
      ['docker', 'rm', '-f'],
      ['docker', 'run', '--detach'],
    ]);
    expect(calls[2]).toEqual(['docker', 'rm', '-f', 'dead1']);
  });

  it('names both refusals in one line when neither start works', async () => {
    const { cli } = fakeDocker((args) => {
      if (args[0] === 'run')
        throw failure('docker run', 125, `no ${args.includes('--privileged') ? 'p' : 'c'}`);
      return '';
    });
    const error = await startSandboxContainer(OPTIONS, cli).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      'the sandbox container did not start: privileged: `docker run` exited 125: no p; with capabilities: `docker run` exited 125: no c',
    );
  });
});

describe('runInDockerSandbox on a fake docker', () => {
  it('runs the inner CLI with docker exec, returns its exit code and output, and removes the container', async () => {
    const { calls, cli } = fakeDocker((args) => {
      if (args[0] === 'version') return '27.0.0\n';
      if (args[0] === 'run') return 'c0ffee\n';
      if (args[0] === 'exec') throw failure('docker exec', 1, '1 check failed');
      return '';
    });
    const outcome = await runInDockerSandbox({
      pluginPath: '/opt/cni/bin/bridge',
      cniPath: ['/opt/cni/bin'],
      flags: ['--seed', '7'],
      packageRoot: work,
      image: 'debian:12',
      reports: {
        json: join(work, 'report.json'),
        junit: join(work, 'report.xml'),
        html: join(work, 'report.html'),
        dir: join(work, 'reports'),
      },
      docker: cli,
    });
    expect(outcome).toMatchObject({ exitCode: 1, output: '1 check failed', image: 'debian:12' });
    const exec = calls.find((call) => call[1] === 'exec') ?? [];
    expect(exec.slice(0, 6)).toEqual([
      'docker',
      'exec',
      '--workdir',
      work,
      'c0ffee',
      '/opt/cni-conformance/node',
    ]);
    expect(exec).toContain('--seed');
    expect(calls.at(-1)).toEqual(['docker', 'rm', '--force', 'c0ffee']);
  });

  it('an inner run past its timeout is one sandbox-failed line, and the container is still removed', async () => {
    const calls: string[][] = [];
    const runner: HostCommandRunner = async (file, args) => {
      calls.push([file, ...args]);
      if (args[0] === 'exec') {
        const outcome = { notFound: false, timedOut: true, exitCode: undefined, signal: 'SIGKILL' };
        throw new HostCommandError('docker exec', { ...outcome, stdout: '', stderr: '' }, 1000);
      }
      return { stdout: args[0] === 'run' ? 'c0ffee\n' : '', stderr: '' };
    };
    const error = await runInDockerSandbox({
      cniPath: [],
      flags: [],
      packageRoot: work,
      image: 'debian:12',
      runTimeoutMs: 1000,
      reports: { json: '/r.json', junit: '/r.xml', html: '/r.html', dir: '/r' },
      docker: dockerCli(runner),
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CNI_CONFORMANCE_SANDBOX_FAILED' });
    expect((error as Error).message).toBe(
      'docker sandbox: docker exec in the sandbox container: timed out after 1 s',
    );
    expect(calls.at(-1)).toEqual(['docker', 'rm', '--force', 'c0ffee']);
  });
});
