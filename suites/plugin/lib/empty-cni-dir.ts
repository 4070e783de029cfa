/** An existing, empty directory in the sandbox: a CNI_PATH on which no delegate can be found. */
import type { CheckContext } from '../../support/context.ts';

export async function emptyCniDir(ctx: CheckContext): Promise<string> {
  const dir = `/tmp/cnc-empty-cni-dir-${ctx.containerId}`;
  const made = await ctx.sandbox.command(['mkdir', '-p', dir]);
  if (made.exitCode !== 0) throw new Error(`setup: mkdir ${dir} failed: ${made.stderr}`);
  return dir;
}
