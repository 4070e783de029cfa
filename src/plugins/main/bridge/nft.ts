/**
 * Small nftables helpers: apply a script with `nft -f -` (one process, atomic), and find rules by comment
 * through `nft -j list chain` so they can be deleted by handle.
 */
import { runChecked, runCommand } from '../../skel/exec.ts';

/** Names one nftables chain. */
export interface NftChain {
  readonly family: 'inet' | 'bridge' | 'ip' | 'ip6';
  readonly table: string;
  readonly chain: string;
}

/** A rule's handle and comment. */
export interface NftRule {
  readonly handle: number;
  readonly comment: string | undefined;
}

/** Applies an nft script atomically. */
export async function applyNft(script: readonly string[]): Promise<void> {
  if (script.length === 0) return;
  await runChecked(['nft', '-f', '-'], { input: `${script.join('\n')}\n` });
}

/** The rules of a chain; empty when the table or chain does not exist. */
export async function listNftRules(chain: NftChain): Promise<NftRule[]> {
  const outcome = await runCommand(['nft', '-j', 'list', 'chain', chain.family, chain.table, chain.chain]);
  if (outcome.exitCode !== 0) return [];
  const parsed = JSON.parse(outcome.stdout) as {
    nftables?: { rule?: { handle: number; comment?: string } }[];
  };
  return (parsed.nftables ?? [])
    .map((item) => item.rule)
    .filter((rule) => rule !== undefined)
    .map((rule) => ({ handle: rule.handle, comment: rule.comment }));
}

/** Deletes every rule of the chain whose comment passes `matches`. */
export async function deleteNftRules(chain: NftChain, matches: (comment: string) => boolean): Promise<void> {
  const rules = await listNftRules(chain);
  const doomed = rules.filter((rule) => rule.comment !== undefined && matches(rule.comment));
  await applyNft(
    doomed.map((rule) => `delete rule ${chain.family} ${chain.table} ${chain.chain} handle ${rule.handle}`),
  );
}

/** `add table` + `add chain` lines for a base chain (idempotent in nft). */
export function ensureBaseChain(chain: NftChain, hook: string): string[] {
  return [
    `add table ${chain.family} ${chain.table}`,
    `add chain ${chain.family} ${chain.table} ${chain.chain} { ${hook} ; }`,
  ];
}
