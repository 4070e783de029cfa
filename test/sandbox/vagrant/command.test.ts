import { describe, expect, it } from 'vitest';
import { runVagrantConformance } from '../../../src/sandbox/vagrant/command.ts';

const options = {
  configFile: undefined,
  cniPath: [],
  role: undefined,
  profile: 'compat',
  failOn: 'should',
  versions: undefined,
  only: [],
  skip: [],
  timeoutMs: 30_000,
  parallel: 2,
  reportDir: '/tmp/r',
  junitFile: '/tmp/r/a.xml',
  jsonFile: '/tmp/r/a.json',
  htmlFile: '/tmp/r/a.html',
  seed: 1,
};

describe('runVagrantConformance (the CLI entry)', () => {
  it('rejects an unknown after-run action with exit 2 before calling vagrant', async () => {
    let stderr = '';
    const io = {
      stdout: { write: () => undefined },
      stderr: {
        write: (text: string) => {
          stderr += text;
        },
      },
    };
    const code = await runVagrantConformance(
      undefined,
      { ...options, vagrantAfter: 'explode' },
      io,
      '/nonexistent',
    );
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /CNI_CONFORMANCE_USAGE: vagrant: after-run must be one of keep\|halt\|destroy, got "explode"/,
    );
  });
});
