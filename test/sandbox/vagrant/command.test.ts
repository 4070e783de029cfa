import { describe, expect, it } from 'vitest';
import { runVagrantConformance } from '../../../src/sandbox/vagrant/command.ts';
import { innerRunOptions } from '../support/run-options.ts';

const options = innerRunOptions();

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
