/**
 * Where the inspector runs its one shell script: a sandbox's host namespace, a container inside it, or
 * the real host (read-only commands only, for the host-protection test).
 */

import type { ProcessOutcome } from '../sandbox/process.ts';
import { runCommand } from '../sandbox/quick-command.ts';
import type { Sandbox } from '../sandbox/sandbox.ts';

/** Runs one helper command (argv, PATH lookup) and returns its outcome. */
export type CommandRunner = (argv: readonly string[]) => Promise<ProcessOutcome>;

const INSPECT_TIMEOUT_MS = 20_000;

/** A runner in the sandbox's host namespace, or in one of its containers. */
export function sandboxRunner(sandbox: Sandbox, container?: string): CommandRunner {
  return (argv) => sandbox.command(argv, { container, timeoutMs: INSPECT_TIMEOUT_MS });
}

/** A runner on the real host. The inspector only reads; never hand this runner to anything that writes. */
export const hostRunner: CommandRunner = (argv) => runCommand(argv, { timeoutMs: INSPECT_TIMEOUT_MS });
