/**
 * Cross-process locking compatible with upstream host-local, which flock(2)s `<dir>/lock`. In the native build
 * (Bun) flock(2) is one call through bun:ffi. Node has no flock, so there a `flock -w 60 3` child locks OUR open
 * file description (its fd 3 is a dup of ours) and exits: flock locks belong to the open file description, so
 * the lock stays held until this process closes the fd or dies — a SIGKILLed plugin releases it with its last
 * fd, and nothing can deadlock on a leftover child. Cost: one short-lived process per operation.
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

const LOCK_EX = 2;
const LOCK_NB = 4;

/** The slice of bun:ffi used here (no Bun types in this Node project). */
interface BunFfi {
  dlopen(
    path: string,
    symbols: { flock: { args: readonly ['i32', 'i32']; returns: 'i32' } },
  ): { symbols: { flock(fd: number, operation: number): number } };
}

/** libc's flock(2) under Bun; undefined under Node, or where libc cannot be opened (the child then does it). */
async function nativeFlock(): Promise<((fd: number, operation: number) => number) | undefined> {
  if (process.versions.bun === undefined) return undefined;
  // A specifier the Node bundler leaves alone: bun:ffi exists only in Bun.
  const specifier = 'bun:ffi';
  try {
    const ffi = (await import(specifier)) as BunFfi;
    for (const libc of ['libc.so.6', `libc.musl-${process.arch === 'arm64' ? 'aarch64' : 'x86_64'}.so.1`]) {
      try {
        return ffi.dlopen(libc, { flock: { args: ['i32', 'i32'], returns: 'i32' } }).symbols.flock;
      } catch {
        // Not this libc.
      }
    }
  } catch {
    // No FFI here.
  }
  return undefined;
}

/**
 * flock(fd, LOCK_EX) for at most `waitSeconds`: non-blocking attempts with a growing pause (up to 50 ms), so
 * the wait has a deadline; 0 when held, 1 on timeout (flock(1)'s statuses).
 */
async function pollFlock(flock: (fd: number, operation: number) => number, fd: number, waitSeconds: number) {
  const deadline = Date.now() + waitSeconds * 1000;
  for (let pause = 1; ; pause = Math.min(pause * 2, 50)) {
    if (flock(fd, LOCK_EX | LOCK_NB) === 0) return 0;
    if (Date.now() >= deadline) return 1;
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}

async function flockDescriptor(fd: number, waitSeconds: number): Promise<number | null> {
  const flock = await nativeFlock();
  return flock ? pollFlock(flock, fd, waitSeconds) : flockChild(fd, waitSeconds);
}

function flockChild(fd: number, waitSeconds: number): Promise<number | null> {
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
