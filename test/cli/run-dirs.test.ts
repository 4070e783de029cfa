/**
 * Run directories (sandbox bookkeeping under /run/cni-conformance or /tmp/cni-conformance-<uid>): a finished run
 * leaves none, `clean` removes those of dead runs. Each test uses a private root (CNI_CONFORMANCE_RUNS_ROOT), never
 * the one concurrent runs share.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { RUNS_ROOT_ENV } from '../../src/sandbox/index.ts';
import { ownerStamp } from '../../src/sandbox/run-dir.ts';
import { ensureBuilt, runCli, scratchDir } from './built-cli.ts';

beforeAll(() => ensureBuilt(), 120_000);

describe('run directories', () => {
  it('a finished run leaves none behind, its workers’ included', async () => {
    const dir = scratchDir();
    const root = join(dir, 'runs');
    const result = await runCli(
      ['/usr/lib/cni/bridge', '--only', 'P-DEL-2,P-DEL-3', '--versions', '1.0.0'],
      dir,
      { [RUNS_ROOT_ENV]: root },
    );
    expect(result.exitCode, result.stderr).toBe(0);
    // The workers made their directories there (so the root exists) and the run removed them.
    expect(existsSync(root)).toBe(true);
    expect(readdirSync(root)).toEqual([]);
  }, 120_000);

  it('`clean` removes the directories of dead runs and keeps live ones', async () => {
    const dir = scratchDir();
    const root = join(dir, 'runs');
    const make = (name: string, owner: string) => {
      mkdirSync(join(root, name, 'sandboxes'), { recursive: true });
      writeFileSync(join(root, name, 'owner'), `${owner}\n`);
    };
    make('4194300-dead0001', '4194300 12345');
    make('4194301-dead0002', '');
    make(`${process.pid}-live0001`, ownerStamp());
    const result = await runCli(['clean'], dir, { [RUNS_ROOT_ENV]: root });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('removed 2 run dir(s), killed 0 process(es)');
    expect(readdirSync(root)).toEqual([`${process.pid}-live0001`]);
  });
});
