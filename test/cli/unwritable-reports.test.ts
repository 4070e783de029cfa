import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ensureBuilt, scratchDir } from './built-cli.ts';

const isRoot = process.geteuid?.() === 0;

describe.runIf(isRoot)('a reports dir the user cannot write (left by a root run)', () => {
  let dir = '';
  beforeAll(() => {
    ensureBuilt();
    dir = scratchDir();
    chmodSync(dir, 0o755);
    mkdirSync(join(dir, 'reports', 'repro'), { recursive: true });
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gets one line naming the dir, its owner and the fix, and exit 2, before anything runs', () => {
    // As nobody (uid 65534): the reports dir is root's, as a `sudo` run leaves it.
    const run = spawnSync(
      'setpriv',
      ['--reuid', '65534', '--regid', '65534', '--clear-groups', 'node', CLI, '/usr/lib/cni/bridge'],
      { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH, NO_COLOR: '1' }, timeout: 60_000 },
    );
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([
      `cni-conformance: cannot write reports: ${dir}/reports is owned by root (uid 0) and not writable by uid 65534 — remove it (as its owner: rm -rf '${dir}/reports'), chown it to yourself, or pass --report-dir <a directory you can write>`,
    ]);
    expect(run.stdout).toBe('');
  });
});
