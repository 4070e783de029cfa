/**
 * Run directories (sandbox bookkeeping under /run/cni-conformance or /tmp/cni-conformance-<uid>): a finished run
 * leaves none, `clean` removes those of dead runs. Each test uses a private root (CNI_CONFORMANCE_RUNS_ROOT), never
 * the one concurrent runs share.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { RUNS_ROOT_ENV } from '../../src/sandbox/index.ts';
import { ownerStamp, processStartTime } from '../../src/sandbox/run-dir.ts';
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

  it("`clean` kills a dead run's recorded holder only if the PID has not been reused since", async () => {
    const dir = scratchDir();
    const root = join(dir, 'runs');
    // A live process that looks like any sandbox holder (the kernel may hand a dead run's PID to another run's).
    const holder = spawn('unshare', ['--fork', '--kill-child', 'sleep', '60'], { stdio: 'ignore' });
    const pid = holder.pid ?? 0;
    const ended = new Promise((resolve) => holder.once('exit', resolve));
    const make = (name: string, startTime: string) => {
      mkdirSync(join(root, name, 'sandboxes'), { recursive: true });
      writeFileSync(join(root, name, 'owner'), '4194300 12345\n');
      writeFileSync(join(root, name, 'sandboxes', 'sb-1'), `${pid}:${startTime} 0:\n`);
    };
    try {
      await new Promise((resolve) => setTimeout(resolve, 200)); // until unshare has exec'd
      make('4194300-dead0001', '1');
      const reused = await runCli(['clean'], dir, { [RUNS_ROOT_ENV]: root });
      expect(reused.stdout).toBe('removed 1 run dir(s), killed 0 process(es)');
      expect(holder.exitCode).toBeNull();
      make('4194300-dead0002', processStartTime(pid) ?? '');
      const same = await runCli(['clean'], dir, { [RUNS_ROOT_ENV]: root });
      expect(same.stdout).toBe('removed 1 run dir(s), killed 1 process(es)');
      await ended;
    } finally {
      holder.kill('SIGKILL');
    }
  });
});
