/**
 * The `cni-conformance exec` process entry: bundled on its own (dist/exec.js) so a cnitool call loads only the
 * runtime it needs, not the CLI, the suites or their validators; also the `cni-exec` personality of the native
 * build (src/cli/native-main.ts).
 */
import { writeSync } from 'node:fs';
import { runExecCommand } from './exec-command.ts';

/**
 * Writes all of `text` to a file descriptor, synchronously. Not process.stdout/stderr: under Bun, creating those
 * streams costs ~20 ms of CPU, more than cnitool spends on a whole call. A pipe left non-blocking by the parent
 * may refuse part of a write (EAGAIN): the rest is retried.
 */
function fdWriter(fd: number): { write(text: string): void } {
  return {
    write(text: string) {
      let rest = Buffer.from(text);
      while (rest.length > 0) {
        try {
          rest = rest.subarray(writeSync(fd, rest));
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
        }
      }
    },
  };
}

/** Runs `exec` with the arguments after the word "exec"; exits with its code. */
export async function runExecProcess(args: readonly string[]): Promise<never> {
  const code = await runExecCommand(args, process.env, { stdout: fdWriter(1), stderr: fdWriter(2) });
  // Every write above is complete: nothing printed is lost.
  process.exit(code);
}
