/**
 * Cross-process locking compatible with upstream host-local, which flock(2)s `<dir>/lock`. Node has no
 * flock, so a `flock -w 60 3` child locks OUR open file description (its fd 3 is a dup of ours) and exits:
 * flock locks belong to the open file description, so the lock stays held until this process closes the
 * fd or dies — a SIGKILLed plugin releases it with its last fd, and nothing can deadlock on a leftover
 * child. Cost: one short-lived process per operation.
 */
import { spawn } from 'node:child_process';
import { closeSync, constants, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { PLUGIN_ERROR_CODES, PluginError } from '../../skel/errors.ts';

/** How long to wait for another plugin to release the lock, as upstream callers would. */
const LOCK_WAIT_SECONDS = 60;

/** A held lock; `release` closes the descriptor, which drops the flock. */
export interface HeldLock {
  release(): void;
}

function flockDescriptor(fd: number, waitSeconds: number): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn('flock', ['-w', String(waitSeconds), '3'], {
      stdio: ['ignore', 'ignore', 'inherit', fd],
    });
    child.on('error', () => resolve(null));
    child.on('exit', (code) => resolve(code));
  });
}

/** Creates `dir` if needed and takes an exclusive flock on `dir/lock`. */
export async function acquireLock(dir: string, waitSeconds = LOCK_WAIT_SECONDS): Promise<HeldLock> {
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  const fd = openSync(join(dir, 'lock'), constants.O_RDONLY | constants.O_CREAT, 0o750);
  const code = await flockDescriptor(fd, waitSeconds);
  if (code !== 0) {
    closeSync(fd);
    throw new PluginError(
      PLUGIN_ERROR_CODES.TRY_AGAIN_LATER,
      `could not lock ${join(dir, 'lock')} within ${waitSeconds}s`,
      code === null ? 'flock(1) could not be run' : `flock exited ${code}`,
    );
  }
  return { release: () => closeSync(fd) };
}

/** Runs `work` under the lock and releases it afterwards, also on failure. */
export async function withLock<T>(dir: string, work: () => T | Promise<T>): Promise<T> {
  const lock = await acquireLock(dir);
  try {
    return await work();
  } finally {
    lock.release();
  }
}
