/**
 * ipMasq (the reference plugins' behaviour): per attachment, traffic from the container's address to anything but its own
 * subnet and multicast is masqueraded. Two backends: iptables (upstream's chain `CNI-<hash>` in nat,
 * jumped to from POSTROUTING, comment `name: "<net>" id: "<cid>"`) and nftables (table
 * `inet cni_plugins_masquerade`). Teardown goes by chain name / comment, so it needs neither the netns
 * nor the addresses (DEL after the netns is gone still cleans up).
 */
import { addressFamilyOf } from '../../../spec/address-family.ts';
import type { V100IpConfig } from '../../../spec/v100/result.ts';
import { formatAddress, parseCidr } from '../../skel/address.ts';
import { PLUGIN_ERROR_CODES, PluginError } from '../../skel/errors.ts';
import { runChecked, runCommand } from '../../skel/exec.ts';
import { applyNft, deleteNftRules, ensureBaseChain, listNftRules, type NftChain } from './nft.ts';

/** Which attachment a masquerade rule belongs to. */
export interface MasqueradeOwner {
  readonly network: string;
  readonly containerId: string;
}

const NFT_CHAIN: NftChain = { family: 'inet', table: 'cni_plugins_masquerade', chain: 'postrouting' };
const IPTABLES = ['iptables', 'ip6tables'] as const;

/**
 * Upstream's FormatChainName: `CNI-` + the first 24 hex digits of sha512(name + id). Web Crypto, not
 * node:crypto: loading node:crypto costs the native build (Bun) ~5 ms of CPU per call.
 */
export async function masqueradeChain(owner: MasqueradeOwner): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest(
    'SHA-512',
    new TextEncoder().encode(owner.network + owner.containerId),
  );
  return `CNI-${Buffer.from(digest).toString('hex').slice(0, 24)}`;
}

function iptablesComment(owner: MasqueradeOwner): string {
  return `name: "${owner.network}" id: "${owner.containerId}"`;
}

function nftComment(owner: MasqueradeOwner): string {
  return `cni-masq ${owner.network} ${owner.containerId}`;
}

/** The subnet of an address in CIDR form ("10.1.0.7/24" → "10.1.0.0/24"). */
export function networkOf(address: string): string {
  const parsed = parseCidr(address);
  if (!parsed) throw new PluginError(PLUGIN_ERROR_CODES.INTERNAL, 'invalid address', address);
  const hostBits = BigInt((parsed.address.v6 ? 128 : 32) - parsed.prefix);
  const base = { v6: parsed.address.v6, value: (parsed.address.value >> hostBits) << hostBits };
  return `${formatAddress(base)}/${parsed.prefix}`;
}

function bareAddress(address: string): string {
  return address.slice(0, address.indexOf('/'));
}

async function setupIptables(owner: MasqueradeOwner, ips: readonly V100IpConfig[]): Promise<void> {
  const chain = await masqueradeChain(owner);
  const comment = JSON.stringify(iptablesComment(owner));
  for (const [index, binary] of IPTABLES.entries()) {
    const family = ips.filter((ip) => (addressFamilyOf(ip.address) === '6') === (index === 1));
    if (family.length === 0) continue;
    const multicast = index === 1 ? 'ff00::/8' : '224.0.0.0/4';
    const lines = ['*nat', `:${chain} - [0:0]`];
    for (const ip of family) {
      lines.push(`-A ${chain} -d ${networkOf(ip.address)} -m comment --comment ${comment} -j ACCEPT`);
    }
    lines.push(`-A ${chain} ! -d ${multicast} -m comment --comment ${comment} -j MASQUERADE`);
    for (const ip of family) {
      lines.push(`-A POSTROUTING -s ${bareAddress(ip.address)} -m comment --comment ${comment} -j ${chain}`);
    }
    lines.push('COMMIT');
    await runChecked([`${binary}-restore`, '-w', '--noflush'], { input: `${lines.join('\n')}\n` });
  }
}

async function natRules(binary: string): Promise<string[]> {
  const outcome = await runCommand([`${binary}-save`, '-t', 'nat']);
  return outcome.exitCode === 0 ? outcome.stdout.split('\n') : [];
}

/** Removes the POSTROUTING jumps to `chain` and the chain itself, in one restore per family. */
async function teardownIptablesChain(binary: string, rules: readonly string[], chain: string): Promise<void> {
  const jumps = rules.filter((line) => line.startsWith('-A POSTROUTING ') && line.endsWith(` -j ${chain}`));
  const exists = rules.some((line) => line.startsWith(`:${chain} `));
  if (jumps.length === 0 && !exists) return;
  const lines = ['*nat', ...jumps.map((line) => `-D${line.slice(2)}`)];
  if (exists) lines.push(`-F ${chain}`, `-X ${chain}`);
  lines.push('COMMIT');
  await runChecked([`${binary}-restore`, '-w', '--noflush'], { input: `${lines.join('\n')}\n` });
}

/** Installs masquerading for the attachment's addresses with the chosen backend. */
export async function setupMasquerade(
  backend: 'iptables' | 'nftables',
  owner: MasqueradeOwner,
  ips: readonly V100IpConfig[],
): Promise<void> {
  if (backend === 'iptables') return setupIptables(owner, ips);
  const script = ensureBaseChain(NFT_CHAIN, 'type nat hook postrouting priority srcnat');
  for (const ip of ips) {
    const family = addressFamilyOf(ip.address) === '6' ? 'ip6' : 'ip';
    const multicast = family === 'ip6' ? 'ff00::/8' : '224.0.0.0/4';
    script.push(
      `add rule inet ${NFT_CHAIN.table} ${NFT_CHAIN.chain} ${family} saddr ${bareAddress(ip.address)} ${family} daddr != ${networkOf(ip.address)} ${family} daddr != ${multicast} masquerade comment "${nftComment(owner)}"`,
    );
  }
  await applyNft(script);
}

/** Removes the attachment's masquerading from both backends (a backend switch must not leak rules). */
export async function teardownMasquerade(owner: MasqueradeOwner): Promise<void> {
  const chain = await masqueradeChain(owner);
  for (const binary of IPTABLES) await teardownIptablesChain(binary, await natRules(binary), chain);
  await deleteNftRules(NFT_CHAIN, (comment) => comment === nftComment(owner));
}

/** True when the attachment's masquerading is installed with the chosen backend. */
export async function hasMasquerade(
  backend: 'iptables' | 'nftables',
  owner: MasqueradeOwner,
): Promise<boolean> {
  if (backend === 'nftables') {
    return (await listNftRules(NFT_CHAIN)).some((rule) => rule.comment === nftComment(owner));
  }
  const chain = await masqueradeChain(owner);
  for (const binary of IPTABLES) {
    if (
      (await natRules(binary)).some(
        (line) => line.startsWith('-A POSTROUTING ') && line.endsWith(` -j ${chain}`),
      )
    )
      return true;
  }
  return false;
}

/** The container IDs of `network` that have masquerade rules, from both backends. */
export async function masqueradedContainers(network: string): Promise<Set<string>> {
  const ids = new Set<string>();
  const iptablesPattern = /--comment "name: \\"([^"\\]+)\\" id: \\"([^"\\]+)\\""/;
  for (const binary of IPTABLES) {
    for (const line of await natRules(binary)) {
      const match = line.startsWith('-A POSTROUTING ') ? iptablesPattern.exec(line) : null;
      if (match && match[1] === network && match[2]) ids.add(match[2]);
    }
  }
  for (const rule of await listNftRules(NFT_CHAIN)) {
    const [tag, name, id] = (rule.comment ?? '').split(' ');
    if (tag === 'cni-masq' && name === network && id) ids.add(id);
  }
  return ids;
}
