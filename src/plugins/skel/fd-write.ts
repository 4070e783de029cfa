/**
 * Synchronous writes to a file descriptor, for plugin entries. Not process.stdout/stderr: under Bun (the native
 * build) creating those streams costs ~20 ms of CPU per process, more than a whole upstream plugin call.
 */
import { writeSync } from 'node:fs';

/** Writes all of `text` to `fd`: writeSync may write part of it, or meet EAGAIN on a non-blocking pipe. */
export function writeAllSync(fd: number, text: string): void {
  let pending = Buffer.from(text);
  while (pending.length > 0) {
    try {
      pending = pending.subarray(writeSync(fd, pending));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EAGAIN') continue;
      if ((error as NodeJS.ErrnoException).code === 'EPIPE') return; // the caller stopped reading
      throw error;
    }
  }
}
