/**
 * Gives the sandbox what the configuration assumes of a real host: a `master` link for macvlan-like plugins and a
 * `device` for host-device (veth ends stand in for NICs), and a probe for kernel link types (vrf, vlan, ipvlan)
 * so a missing feature is a skip naming it, not a false failure.
 */
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

/** Plugin type → the kernel link it makes, how to make a throwaway one, and the kernel option behind it. */
const LINK_KINDS: Readonly<Record<string, { readonly args: readonly string[]; readonly option: string }>> = {
  vrf: { args: ['type', 'vrf', 'table', '4242'], option: 'CONFIG_NET_VRF' },
  vlan: { args: ['link', '{master}', 'type', 'vlan', 'id', '4000'], option: 'CONFIG_VLAN_8021Q' },
  ipvlan: { args: ['link', '{master}', 'type', 'ipvlan', 'mode', 'l2'], option: 'CONFIG_IPVLAN' },
};

async function probeLinkKinds(ctx: CheckContext): Promise<void> {
  const master = stringKeys(ctx, 'master')[0] ?? 'lo';
  for (const type of new Set(ctx.target.conflist.plugins.map((entry) => String(entry.type)))) {
    const kind = LINK_KINDS[type];
    if (kind === undefined) continue;
    const args = kind.args.map((arg) => (arg === '{master}' ? master : arg));
    const probe = await ctx.sandbox.command(['ip', 'link', 'add', 'cncprobe', ...args]);
    if (probe.exitCode !== 0) {
      ctx.skip(
        'kernel-feature-missing',
        `the kernel has no ${type} link type (${kind.option}), which the ${type} plugin needs: ${probe.stderr.trim()}`,
      );
    }
    await ctx.sandbox.command(['ip', 'link', 'del', 'cncprobe']);
  }
}

/** Runs before each check body. */
export async function prepareSandbox(ctx: CheckContext): Promise<void> {
  await createLinks(ctx);
  await probeLinkKinds(ctx);
}
