/**
 * Set-up check before any suite runs: a plugin that makes a link type this kernel lacks (vrf, vlan, ipvlan) cannot
 * be judged here. One line and exit 2 naming the kernel option, in a second, instead of every check starting a
 * sandbox only to skip for the same reason.
 */
import { HarnessError } from '../errors.ts';
import { missingLinkKind, typesNeedingLinkKinds } from '../sandbox/link-kinds.ts';
import { withSandbox } from '../sandbox/netns.ts';
import type { TargetConflist } from '../target.ts';

/** Throws a one-line HarnessError when the kernel lacks a link type a plugin of the config needs. */
export async function assertKernelLinkKinds(conflist: TargetConflist): Promise<void> {
  const types = conflist.plugins.map((entry) => String(entry.type));
  if (typesNeedingLinkKinds(types).length === 0) return;
  const missing = await withSandbox(async (sandbox) => {
    // vlan and ipvlan need a parent link: a veth end stands in for the NIC, as the suites' sandboxes do.
    await sandbox.command(['ip', 'link', 'add', 'cncparent', 'type', 'veth', 'peer', 'name', 'cncparentp']);
    return missingLinkKind(sandbox, types, 'cncparent');
  });
  if (missing) {
    throw new HarnessError('CNI_CONFORMANCE_PREREQUISITE_MISSING', missing, {
      fix: 'run on a kernel built with that option (or with its module loaded)',
    });
  }
}
