import { describe, expect, it } from 'vitest';
import { classifyOutcome, invokePlugin } from '../../src/runtime/invoke.ts';
import { hostExecutor } from '../../src/sandbox/host-executor.ts';
import { processOutcome } from './support/fake-executor.ts';

const request = { file: '/bin/true', env: {} };
const outcome = processOutcome;

describe('classifyOutcome', () => {
  it('parses an error object printed on stdout', () => {
    const invocation = classifyOutcome(
      'ADD',
      request,
      outcome({ exitCode: 1, stdout: '{"code":7,"msg":"bad"}' }),
    );
    expect(invocation).toMatchObject({
      kind: 'plugin-error',
      errorSource: 'stdout-json',
      error: { code: 7 },
    });
  });

  it('falls back to stderr text when stdout is empty, as libcni does', () => {
    const invocation = classifyOutcome('DEL', request, outcome({ exitCode: 1, stderr: 'boom\n' }));
    expect(invocation).toMatchObject({
      kind: 'plugin-error',
      errorSource: 'stderr-text',
      error: { msg: 'boom' },
    });
  });

  it('calls a failure with non-error JSON unparseable', () => {
    const invocation = classifyOutcome(
      'ADD',
      request,
      outcome({ exitCode: 1, stdout: '{"cniVersion":"1.0.0"}' }),
    );
    expect(invocation.kind).toBe('unparseable-output');
  });

  it('separates timeouts, crashes and spawn failures', () => {
    expect(
      classifyOutcome('ADD', request, outcome({ timedOut: true, signal: 'SIGKILL', exitCode: null })).kind,
    ).toBe('timed-out');
    expect(classifyOutcome('ADD', request, outcome({ signal: 'SIGSEGV', exitCode: null })).kind).toBe(
      'crashed',
    );
    expect(classifyOutcome('ADD', request, outcome({ spawnError: 'ENOENT', exitCode: null })).kind).toBe(
      'spawn-failed',
    );
  });
});

describe('invokePlugin', () => {
  it('runs the upstream loopback VERSION with only CNI_COMMAND set', async () => {
    const invocation = await invokePlugin({
      executor: hostExecutor,
      pluginPath: '/usr/lib/cni/loopback',
      verb: 'VERSION',
      env: {},
      stdin: '{"cniVersion":"1.0.0"}',
    });
    expect(invocation.kind).toBe('ok');
    expect(invocation.request.env).toEqual({ CNI_COMMAND: 'VERSION' });
  });

  it('kills a plugin that hangs, with its whole process group', async () => {
    const invocation = await invokePlugin({
      executor: {
        run: (req) => hostExecutor.run({ ...req, file: '/bin/sh', args: ['-c', 'sleep 60 & sleep 60'] }),
      },
      pluginPath: '/bin/sh',
      verb: 'ADD',
      env: {},
      stdin: '{}',
      timeoutMs: 200,
    });
    expect(invocation.kind).toBe('timed-out');
    expect(invocation.outcome.durationMs).toBeLessThan(5_000);
  });
});
