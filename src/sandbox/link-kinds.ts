/**
 * Kernel link types that some plugins need and not every kernel has (vrf, vlan, ipvlan). A throwaway link of the
 * kind, made and removed in a sandbox, tells: a missing one is named with its kernel option, so a run reports it
 * once instead of every check failing or skipping for the same reason.
 */
import type { Sandbox } from './sandbox.ts';

/** Plugin type → the kernel link it makes, how to make a throwaway one, and the kernel option behind it. */
const LINK_KINDS: Readonly<Record<string, { readonly args: readonly string[]; readonly option: string }>> = {
  vrf: { args: ['type', 'vrf', 'table', '4242'], option: 'CONFIG_NET_VRF' },
  vlan: { args: ['link', '{master}', 'type', 'vlan', 'id', '4000'], option: 'CONFIG_VLAN_8021Q' },
  ipvlan: { args: ['link', '{master}', 'type', 'ipvlan', 'mode', 'l2'], option: 'CONFIG_IPVLAN' },
};

/** The plugin types among `types` whose link kind this probe knows. */
export function typesNeedingLinkKinds(types: readonly string[]): string[] {
  return [...new Set(types)].filter((type) => LINK_KINDS[type] !== undefined);
}

/**
 * Why the kernel cannot run one of `types`, or undefined when it can. `master` is a link that exists in the
 * sandbox (vlan and ipvlan need a parent).
 */
export async function missingLinkKind(
  sandbox: Pick<Sandbox, 'command'>,
  types: readonly string[],
  master: string,
): Promise<string | undefined> {
  for (const type of typesNeedingLinkKinds(types)) {
    const kind = LINK_KINDS[type];
    if (kind === undefined) continue;
    const args = kind.args.map((arg) => (arg === '{master}' ? master : arg));
    const probe = await sandbox.command(['ip', 'link', 'add', 'cncprobe', ...args]);
    if (probe.exitCode !== 0)
      return `the kernel has no ${type} link type (${kind.option}), which the ${type} plugin needs: ${probe.stderr.trim()}`;
    await sandbox.command(['ip', 'link', 'del', 'cncprobe']);
  }
  return undefined;
}
