import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireLock } from '../../../../src/plugins/ipam/host-local/lock.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hl-lock-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Holds flock(2) on dir/lock from another process group, as upstream host-local does; kill() ends it all. */
function holdWithFlock(): Promise<{ kill: () => void }> {
  return new Promise((resolve) => {
    const child = spawn('flock', [join(dir, 'lock'), 'sh', '-c', 'echo locked; sleep 30'], {
      stdio: ['ignore', 'pipe', 'ignore'],
      detached: true,
    });
    // The sleeping shell inherits flock(1)'s descriptor: kill the whole group, or the lock survives.
    child.stdout?.once('data', () => resolve({ kill: () => process.kill(-(child.pid ?? 0), 'SIGKILL') }));
  });
}

describe('host-local lock', () => {
  it('waits for a flock(2) holder and fails with code 11 when it does not let go', async () => {
    const holder = await holdWithFlock();
    try {
      await expect(acquireLock(dir, 1)).rejects.toMatchObject({ code: 11 });
    } finally {
      holder.kill();
    }
  });

  it('is taken as soon as the holder dies, and excludes a flock(2) caller while held', async () => {
    const holder = await holdWithFlock();
    const pending = acquireLock(dir, 10);
    holder.kill();
    const lock = await pending;
    const probe = spawn('flock', ['-n', join(dir, 'lock'), 'true']);
    const code = await new Promise((resolve) => probe.on('exit', resolve));
    expect(code).toBe(1);
    lock.release();
  });
});
