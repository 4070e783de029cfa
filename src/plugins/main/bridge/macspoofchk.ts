/**
 * macspoofchk: frames entering the bridge from the host veth must carry the container's MAC. One nftables
 * rule per attachment in `bridge cni_plugins_macspoofchk`, found again by its comment.
 */
import { applyNft, deleteNftRules, ensureBaseChain, listNftRules, type NftChain } from './nft.ts';

const CHAIN: NftChain = { family: 'bridge', table: 'cni_plugins_macspoofchk', chain: 'prerouting' };

/** Which attachment a rule guards. */
export interface SpoofCheckOwner {
  readonly network: string;
  readonly containerId: string;
  readonly ifname: string;
}

function commentOf(owner: SpoofCheckOwner): string {
  return `cni-macspoofchk ${owner.network} ${owner.containerId} ${owner.ifname}`;
}

/** Drops frames from `hostVeth` whose source MAC is not `mac`. */
export async function setupSpoofCheck(owner: SpoofCheckOwner, hostVeth: string, mac: string): Promise<void> {
  await applyNft([
    ...ensureBaseChain(CHAIN, 'type filter hook prerouting priority -300'),
    `add rule bridge ${CHAIN.table} ${CHAIN.chain} iifname "${hostVeth}" ether saddr != ${mac} drop comment "${commentOf(owner)}"`,
  ]);
}

/** Removes the attachment's rule; nothing to do when it is absent. */
export async function teardownSpoofCheck(owner: SpoofCheckOwner): Promise<void> {
  await deleteNftRules(CHAIN, (comment) => comment === commentOf(owner));
}

/** True when the attachment's rule is installed. */
export async function hasSpoofCheck(owner: SpoofCheckOwner): Promise<boolean> {
  return (await listNftRules(CHAIN)).some((rule) => rule.comment === commentOf(owner));
}

/** Every (containerId, ifname) of `network` that has a rule, for GC. */
export async function spoofCheckedAttachments(network: string): Promise<SpoofCheckOwner[]> {
  const owners: SpoofCheckOwner[] = [];
  for (const rule of await listNftRules(CHAIN)) {
    const [tag, name, containerId, ifname] = (rule.comment ?? '').split(' ');
    if (tag === 'cni-macspoofchk' && name === network && containerId && ifname)
      owners.push({ network, containerId, ifname });
  }
  return owners;
}
