import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runCli, scratchDir } from './built-cli.ts';

beforeAll(() => ensureBuilt(), 120_000);

describe('help for every command', () => {
  const cases: ReadonlyArray<readonly [string, readonly RegExp[]]> = [
    [
      '--help',
      [
        /--only <ids>/,
        /--cni-path <dirs>/,
        /--shard <i\/n>/,
        /--durations <file>/,
        /\bexec\b/,
        /\bruntime\b/,
        /\bmerge\b/,
        /\bhelp\b/,
      ],
    ],
    ['merge --help', [/merge REPORT\.json\.\.\./, /--junit FILE/, /--report-dir DIR/]],
    ['help merge', [/--html FILE/]],
    ['help', [/--only <ids>/, /\bclean\b/]],
    ['runtime --help', [/runtime run \(--runtime NAME/, /runtime judge LOG\.jsonl/]],
    [
      'runtime run --help',
      [/--runtime NAME/, /--runtime-config FILE/, /--scenario NAME/, /--report-dir DIR/],
    ],
    ['runtime judge --help', [/--profile strict\|compat/, /--json FILE/]],
    ['help runtime run', [/--runtime-config FILE/]],
    ['exec --help', [/-i, --ifname NAME/, /NETCONFPATH/, /CNI_CONFORMANCE_LIBCNI_COMPAT/]],
    ['help exec', [/-i, --ifname NAME/]],
    ['plugins --help', [/--force/, /--all/, /install <dir>/, /\blist\b/]],
    ['clean --help', [/remove what crashed runs left behind/]],
  ];
  it.concurrent.each(cases)('`%s` exits 0 and lists the options', async (args, expected) => {
    const result = await runCli(args.split(' '), scratchDir());
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    for (const pattern of expected) expect(result.stdout).toMatch(pattern);
  });

  it('names the unknown command of `help` with a did-you-mean (exit 2)', async () => {
    const result = await runCli(['help', 'rntime'], scratchDir());
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe('cni-conformance: no command rntime (did you mean runtime?)');
  });

  it('gives the runtime usage error a fix naming both subcommands', async () => {
    const result = await runCli(['runtime'], scratchDir());
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/missing runtime command — usage: cni-conformance runtime run\|judge/);
  });
});
