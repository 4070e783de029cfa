/** The CLI-entry scaffolding docker and vagrant share: inputs from options, output with host report paths. */
import { describe, expect, it } from 'vitest';
import { HarnessError } from '../../src/errors.ts';
import { innerRunInputs, runInnerCommand } from '../../src/sandbox/inner-command.ts';
import { innerRunOptions } from './support/run-options.ts';

const options = innerRunOptions('/tmp/r', {
  configFile: '/etc/cni/net.d/a.conflist',
  cniPath: ['/opt/cni/bin'],
  role: 'main',
  profile: 'strict',
  failOn: 'must',
  versions: ['1.0.0'],
  only: ['P-ADD-*'],
  timeoutMs: 15_000,
  seed: 7,
});

function recordingIo() {
  const out = { stdout: '', stderr: '' };
  const io = {
    stdout: {
      write: (text: string) => {
        out.stdout += text;
      },
    },
    stderr: {
      write: (text: string) => {
        out.stderr += text;
      },
    },
  };
  return { out, io };
}

describe('innerRunInputs', () => {
  it('passes the selection through as flags and maps the report paths', () => {
    const inputs = innerRunInputs(undefined, options);
    expect(inputs.pluginPath).toBeUndefined();
    expect(inputs.flags).toEqual([
      ...['--role', 'main', '--profile', 'strict', '--fail-on', 'must', '--versions', '1.0.0'],
      ...['--only', 'P-ADD-*', '--timeout', '15', '--parallel', '2', '--seed', '7'],
    ]);
    expect(inputs.reports).toEqual({
      json: '/tmp/r/a.json',
      junit: '/tmp/r/a.xml',
      html: '/tmp/r/a.html',
      dir: '/tmp/r',
    });
  });
});

describe('runInnerCommand', () => {
  it('prints the banner and rewrites only the inner reports line to the host paths', async () => {
    const { out, io } = recordingIo();
    const output = 'ok\nreports: /in/box/x.xml, /in/box/x.json\nreports: /elsewhere/y\n';
    const code = await runInnerCommand(options, '/in/box', io, async () => ({
      exitCode: 1,
      output,
      banner: 'test sandbox: here',
    }));
    expect(code).toBe(1);
    expect(out.stderr).toBe('test sandbox: here\n');
    expect(out.stdout).toBe(
      'ok\nreports: /tmp/r/a.xml, /tmp/r/a.json, /tmp/r/a.html\nreports: /elsewhere/y\n',
    );
  });

  it('turns a sandbox failure into one error line and exit 2', async () => {
    const { out, io } = recordingIo();
    const code = await runInnerCommand(options, '/in/box', io, async () => {
      throw new HarnessError('CNI_CONFORMANCE_SANDBOX_FAILED', 'no box');
    });
    expect(code).toBe(2);
    expect(out.stderr).toBe('error: CNI_CONFORMANCE_SANDBOX_FAILED: no box\n');
  });
});
