/** Parsers for `ip -json` output: links, addresses, routes and rules. */
import type { ParseResult } from '../errors.ts';
import { asObject, type JsonObject, numberField, parseJsonArray, stringField } from './json-fields.ts';
import type {
  AddressRecord,
  LinkRecord,
  NeighbourRecord,
  RouteRecord,
  RuleRecord,
} from './snapshot-types.ts';

/** Flags that follow carrier state, not configuration; they flap and are not a plugin's doing. */
const VOLATILE_FLAGS = new Set(['LOWER_UP', 'NO-CARRIER', 'M-DOWN', 'DORMANT']);

function portFlags(slaveData: JsonObject): Record<string, boolean> {
  const flags: Record<string, boolean> = {};
  for (const [key, value] of Object.entries(slaveData)) if (typeof value === 'boolean') flags[key] = value;
  return flags;
}

function toLink(raw: JsonObject): LinkRecord {
  const linkinfo = asObject(raw.linkinfo);
  const flags = Array.isArray(raw.flags)
    ? raw.flags.filter((flag): flag is string => typeof flag === 'string')
    : [];
  return {
    name: stringField(raw, 'ifname') ?? '?',
    ifindex: numberField(raw, 'ifindex') ?? -1,
    kind: stringField(linkinfo, 'info_kind') ?? 'device',
    master: stringField(raw, 'master'),
    mac: stringField(raw, 'address'),
    mtu: numberField(raw, 'mtu') ?? 0,
    flags: flags.filter((flag) => !VOLATILE_FLAGS.has(flag)),
    peerIfindex: numberField(raw, 'link_index'),
    peerNetnsId: numberField(raw, 'link_netnsid'),
    portFlags: portFlags(asObject(linkinfo.info_slave_data)),
  };
}

/** Parses `ip -json -details link show`. */
export function parseLinks(text: string): ParseResult<LinkRecord[]> {
  const parsed = parseJsonArray(text, 'ip link');
  return parsed.ok ? { ok: true, value: parsed.value.map(toLink) } : parsed;
}

/** Parses `ip -json address show`. */
export function parseAddresses(text: string): ParseResult<AddressRecord[]> {
  const parsed = parseJsonArray(text, 'ip address');
  if (!parsed.ok) return parsed;
  const addresses: AddressRecord[] = [];
  for (const link of parsed.value) {
    const ifname = stringField(link, 'ifname') ?? '?';
    const infos = Array.isArray(link.addr_info) ? link.addr_info.map(asObject) : [];
    for (const info of infos) {
      const family = stringField(info, 'family') === 'inet6' ? 'inet6' : 'inet';
      const cidr = `${stringField(info, 'local') ?? '?'}/${numberField(info, 'prefixlen') ?? '?'}`;
      addresses.push({ ifname, family, cidr, scope: stringField(info, 'scope') ?? 'global' });
    }
  }
  return { ok: true, value: addresses };
}

/** Parses `ip -json -4|-6 route show table all`. */
export function parseRoutes(text: string, family: RouteRecord['family']): ParseResult<RouteRecord[]> {
  const parsed = parseJsonArray(text, `ip ${family} route`);
  if (!parsed.ok) return parsed;
  const routes = parsed.value.map(
    (raw): RouteRecord => ({
      family,
      table: stringField(raw, 'table') ?? 'main',
      type: stringField(raw, 'type') ?? 'unicast',
      dst: stringField(raw, 'dst') ?? 'default',
      gateway: stringField(raw, 'gateway'),
      dev: stringField(raw, 'dev'),
      protocol: stringField(raw, 'protocol'),
      metric: numberField(raw, 'metric'),
    }),
  );
  return { ok: true, value: routes };
}

/** Parses `ip -json -4|-6 rule show`. */
export function parseRules(text: string, family: RuleRecord['family']): ParseResult<RuleRecord[]> {
  const parsed = parseJsonArray(text, `ip ${family} rule`);
  if (!parsed.ok) return parsed;
  const rules = parsed.value.map((raw): RuleRecord => {
    const { priority, ...rest } = raw;
    const selector = Object.entries(rest)
      .map(([key, value]) => `${key} ${typeof value === 'string' ? value : JSON.stringify(value)}`)
      .join(' ');
    return { family, priority: typeof priority === 'number' ? priority : -1, selector };
  });
  return { ok: true, value: rules };
}

/** Neighbour states a plugin sets; the others are learned from traffic and expire. */
const CONFIGURED_NEIGHBOURS = new Set(['PERMANENT', 'NOARP']);

/** Parses `ip -json neigh show`, keeping the entries a plugin configured. */
export function parseNeighbours(text: string): ParseResult<NeighbourRecord[]> {
  const parsed = parseJsonArray(text, 'ip neigh');
  if (!parsed.ok) return parsed;
  const neighbours = parsed.value
    .filter((raw) => {
      const states = Array.isArray(raw.state) ? raw.state : [];
      return states.some((state) => typeof state === 'string' && CONFIGURED_NEIGHBOURS.has(state));
    })
    .map(
      (raw): NeighbourRecord => ({
        ifname: stringField(raw, 'dev') ?? '?',
        dst: stringField(raw, 'dst') ?? '?',
        lladdr: stringField(raw, 'lladdr'),
      }),
    );
  return { ok: true, value: neighbours };
}
