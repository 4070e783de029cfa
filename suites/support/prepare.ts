/**
 * Gives the sandbox what the configuration assumes of a real host: a `master` link for macvlan-like plugins, and a
 * probe for kernel link types (vrf) so a missing feature is a skip with a reason, not a false failure.
 */
import type { CheckContext } from './context.ts';

function stringKeys(ctx: CheckContext, key: string): string[] {
  return ctx.target.conflist.plugins.flatMap((entry) => (typeof entry[key] === 'string' ? [entry[key]] : []));
}

async function createMasters(ctx: CheckContext): Promise<void> {
  for (const master of new Set(stringKeys(ctx, 'master'))) {
    // A veth end stands in for a NIC: dummy links are not available on every kernel (not on the CI machine).
    const peer = `${master.slice(0, 12)}p`;
    await ctx.sandbox.command(['ip', 'link', 'add', master, 'type', 'veth', 'peer', 'name', peer]);
    await ctx.sandbox.command(['ip', 'link', 'set', master, 'up']);
  }
}

async function probeVrf(ctx: CheckContext): Promise<void> {
  if (!ctx.target.conflist.plugins.some((entry) => entry.type === 'vrf')) return;
  const probe = await ctx.sandbox.command([
    'ip',
    'link',
    'add',
    'cncvrfprobe',
    'type',
    'vrf',
    'table',
    '4242',
  ]);
  if (probe.exitCode !== 0) ctx.skip('kernel-feature-missing', 'the kernel has no vrf link type');
  await ctx.sandbox.command(['ip', 'link', 'del', 'cncvrfprobe']);
}

/** Runs before each check body. */
export async function prepareSandbox(ctx: CheckContext): Promise<void> {
  await createMasters(ctx);
  await probeVrf(ctx);
}
