/** Parsers for `iptables-save` and `nft -j list ruleset`, with counters and handles left out. */
import type { ParseResult } from '../errors.ts';
import { asObject, type JsonObject, stringField } from './json-fields.ts';
import type { IptablesTable, NftRuleset } from './snapshot-types.ts';

/** Parses `iptables-save` / `ip6tables-save` text into tables. */
export function parseIptablesSave(text: string, family: IptablesTable['family']): IptablesTable[] {
  const tables: IptablesTable[] = [];
  let current: { table: string; chains: Record<string, string>; rules: string[] } | undefined;
  for (const line of text.split('\n')) {
    if (line.startsWith('*')) {
      current = { table: line.slice(1).trim(), chains: {}, rules: [] };
    } else if (line.startsWith(':') && current) {
      // ":CHAIN POLICY [packets:bytes]": the counters are noise.
      const [chain = '', policy = '-'] = line.slice(1).split(' ');
      current.chains[chain] = policy;
    } else if (line.startsWith('-A ') && current) {
      current.rules.push(line.replace(/^\[\d+:\d+\] /, '').trim());
    } else if (line.trim() === 'COMMIT' && current) {
      tables.push({ family, ...current });
      current = undefined;
    }
  }
  return tables;
}

/**
 * Tables iptables-nft owns; the iptables view already shows them, and their nft form (xt matches)
 * would report every rule twice.
 */
const IPTABLES_NFT_TABLES = new Set(['filter', 'nat', 'mangle', 'raw', 'security']);

function withoutNoise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNoise);
  if (typeof value !== 'object' || value === null) return value;
  const object = asObject(value);
  if ('counter' in object) return { counter: null };
  const cleaned: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(object)) if (key !== 'handle') cleaned[key] = withoutNoise(inner);
  return cleaned;
}

function ownedByIptables(object: JsonObject): boolean {
  const family = stringField(object, 'family');
  const table = stringField(object, 'table') ?? stringField(object, 'name') ?? '';
  return (family === 'ip' || family === 'ip6') && IPTABLES_NFT_TABLES.has(table);
}

/** Parses `nft -j list ruleset` into stable strings. */
export function parseNftRuleset(text: string): ParseResult<NftRuleset> {
  const ruleset = {
    tables: [] as string[],
    chains: [] as string[],
    rules: [] as string[],
    objects: [] as string[],
  };
  if (text.trim() === '') return { ok: true, value: ruleset };
  let items: unknown[];
  try {
    items = (asObject(JSON.parse(text)).nftables as unknown[] | undefined) ?? [];
  } catch (error) {
    return { ok: false, issues: [{ path: '', reason: `nft: ${(error as Error).message}` }] };
  }
  for (const item of items) {
    const [type = '', raw] = Object.entries(asObject(item))[0] ?? [];
    const object = asObject(raw);
    if (type === 'metainfo' || ownedByIptables(object)) continue;
    const family = stringField(object, 'family') ?? '?';
    const table = stringField(object, 'table') ?? '';
    const name = stringField(object, 'name') ?? '';
    if (type === 'table') ruleset.tables.push(`${family} ${name}`);
    else if (type === 'chain') ruleset.chains.push(`${family} ${table} ${name}`);
    else if (type === 'rule') {
      const chain = stringField(object, 'chain') ?? '';
      ruleset.rules.push(`${family} ${table} ${chain}: ${JSON.stringify(withoutNoise(object.expr))}`);
    } else {
      const where = `${type} ${family} ${table} ${name}`.replace(/ {2,}/g, ' ');
      ruleset.objects.push(where);
      // A set's or map's elements are items of their own: one attachment's address in a shared set.
      const elements = Array.isArray(object.elem) ? object.elem : [];
      for (const element of elements)
        ruleset.objects.push(`${where} element ${JSON.stringify(withoutNoise(element))}`);
    }
  }
  return { ok: true, value: ruleset };
}
