/**
 * Gives the sandbox what the configuration assumes of a real host: a `master` link for macvlan-like plugins and a
 * `device` for host-device (veth ends stand in for NICs), and a probe for kernel link types (vrf, vlan, ipvlan)
 * so a missing feature is a skip naming it, not a false failure.
 */
import { missingLinkKind } from '../../src/sandbox/link-kinds.ts';
import type { CheckContext } from './context.ts';

function stringKeys(ctx: CheckContext, key: string): string[] {
  return ctx.target.conflist.plugins.flatMap((entry) => (typeof entry[key] === 'string' ? [entry[key]] : []));
}

async function createLink(ctx: CheckContext, name: string): Promise<void> {
  // A veth end stands in for a NIC: dummy links are not available on every kernel (not on the CI machine).
  const peer = `${name.slice(0, 12)}p`;
  await ctx.sandbox.command(['ip', 'link', 'add', name, 'type', 'veth', 'peer', 'name', peer]);
}

async function createLinks(ctx: CheckContext): Promise<void> {
  for (const master of new Set(stringKeys(ctx, 'master'))) {
    await createLink(ctx, master);
    await ctx.sandbox.command(['ip', 'link', 'set', master, 'up']);
  }
  // host-device hands its device back down on DEL (as a NIC no one configured): it starts down.
  for (const device of new Set(stringKeys(ctx, 'device'))) await createLink(ctx, device);
}

async function probeLinkKinds(ctx: CheckContext): Promise<void> {
  const types = ctx.target.conflist.plugins.map((entry) => String(entry.type));
  const missing = await missingLinkKind(ctx.sandbox, types, stringKeys(ctx, 'master')[0] ?? 'lo');
  if (missing) ctx.skip('kernel-feature-missing', missing);
}

/** Runs before each check body. */
export async function prepareSandbox(ctx: CheckContext): Promise<void> {
  await createLinks(ctx);
  await probeLinkKinds(ctx);
}
