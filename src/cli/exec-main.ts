/**
 * The `cni-conformance exec` process entry: bundled on its own (dist/exec.js) so a cnitool call loads only the
 * runtime it needs, not the CLI, the suites or their validators.
 */
import { runExecCommand } from './exec-command.ts';

/** Runs `exec` with the arguments after the word "exec"; exits with its code. */
export async function runExecProcess(args: readonly string[]): Promise<never> {
  const code = await runExecCommand(args, process.env, process);
  // Writes to files, pipes and TTYs are synchronous on Linux: nothing printed is lost.
  process.exit(code);
}
