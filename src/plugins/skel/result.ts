/**
 * Plugin-side result model: plugins build the 1.1.0 shape (§4.4) and skel converts it to the request's
 * version family (notes §1: 1.x → 0.4 adds `ips[].version`; → 0.2 keeps the first v4 and v6 address).
 * Kept free of zod so plugins start fast.
 */
import { familyOf, isCniVersion } from '../../spec/versions.ts';
import { PLUGIN_ERROR_CODES, PluginError } from './errors.ts';

/** An interface in a result. */
export interface ResultInterface {
  name: string;
  mac?: string;
  sandbox?: string;
  mtu?: number;
  socketPath?: string;
  pciID?: string;
}

/** An address in a result; `interface` indexes `interfaces`. */
export interface ResultIp {
  address: string;
  gateway?: string;
  interface?: number;
}

/** A route in a result (mtu…scope exist from 1.1.0). */
export interface ResultRoute {
  dst: string;
  gw?: string;
  mtu?: number;
  advmss?: number;
  priority?: number;
  table?: number;
  scope?: number;
}

/** Resolver information. */
export interface ResultDns {
  nameservers?: string[];
  domain?: string;
  search?: string[];
  options?: string[];
}

/** The 1.1.0 result shape every plugin builds. */
export interface Result {
  interfaces?: ResultInterface[];
  ips?: ResultIp[];
  routes?: ResultRoute[];
  dns?: ResultDns;
}

type Json = Record<string, unknown>;

/** True for an IPv6 address or CIDR. */
export function isIpv6(address: string): boolean {
  return address.includes(':');
}

function pick<T extends object>(value: T, keys: readonly (keyof T)[]): Partial<T> {
  const out: Partial<T> = {};
  for (const key of keys) if (value[key] !== undefined) out[key] = value[key];
  return out;
}

function compactDns(dns: ResultDns | undefined): ResultDns | undefined {
  if (!dns) return undefined;
  const out = pick(dns, ['nameservers', 'domain', 'search', 'options']);
  return Object.keys(out).length > 0 ? out : undefined;
}

function toV100(result: Result, version: string): Json {
  const v110 = version === '1.1.0';
  const interfaces = result.interfaces?.map((iface) =>
    pick(iface, v110 ? ['name', 'mac', 'mtu', 'sandbox', 'socketPath', 'pciID'] : ['name', 'mac', 'sandbox']),
  );
  const routes = result.routes?.map((route) =>
    pick(route, v110 ? ['dst', 'gw', 'mtu', 'advmss', 'priority', 'table', 'scope'] : ['dst', 'gw']),
  );
  return withoutEmpty({
    cniVersion: version,
    interfaces,
    ips: result.ips,
    routes,
    dns: compactDns(result.dns),
  });
}

function toV040(result: Result, version: string): Json {
  const interfaces = result.interfaces?.map((iface) => pick(iface, ['name', 'mac', 'sandbox']));
  const ips = result.ips?.map((ip) => ({
    version: isIpv6(ip.address) ? '6' : '4',
    ...pick(ip, ['address', 'gateway', 'interface']),
  }));
  const routes = result.routes?.map((route) => pick(route, ['dst', 'gw']));
  return withoutEmpty({ cniVersion: version, interfaces, ips, routes, dns: compactDns(result.dns) });
}

function toV020(result: Result, version: string): Json {
  const ip4 = result.ips?.find((ip) => !isIpv6(ip.address));
  const ip6 = result.ips?.find((ip) => isIpv6(ip.address));
  if (!ip4 && !ip6) {
    throw new PluginError(
      PLUGIN_ERROR_CODES.INCOMPATIBLE_VERSION,
      'cannot convert: no valid IP addresses',
      version,
    );
  }
  const family = (ip: ResultIp | undefined, v6: boolean) => {
    if (!ip) return undefined;
    const routes = result.routes
      ?.filter((route) => isIpv6(route.dst) === v6)
      .map((r) => pick(r, ['dst', 'gw']));
    return withoutEmpty({ ip: ip.address, gateway: ip.gateway, routes });
  };
  return withoutEmpty({
    cniVersion: version,
    ip4: family(ip4, false),
    ip6: family(ip6, true),
    dns: compactDns(result.dns),
  });
}

function withoutEmpty(value: Json): Json {
  const out: Json = {};
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined || (Array.isArray(item) && item.length === 0)) continue;
    out[key] = item;
  }
  return out;
}

/** The result in `version`'s wire format; throws code 1 when 0.1.0/0.2.0 cannot express it. */
export function convertResult(result: Result, version: string): Json {
  if (!isCniVersion(version)) return toV100(result, version);
  const family = familyOf(version);
  if (family === 'v020') return toV020(result, version);
  if (family === 'v040') return toV040(result, version);
  return toV100(result, version);
}

function asArray(value: unknown): Json[] {
  return Array.isArray(value)
    ? value.filter((item): item is Json => typeof item === 'object' && item !== null)
    : [];
}

function fromLegacyFamily(raw: Json, key: 'ip4' | 'ip6'): { ip?: ResultIp; routes: ResultRoute[] } {
  const block = raw[key];
  if (typeof block !== 'object' || block === null) return { routes: [] };
  const family = block as Json;
  const ip: ResultIp = { address: String(family.ip) };
  if (typeof family.gateway === 'string') ip.gateway = family.gateway;
  return { ip, routes: asArray(family.routes) as unknown as ResultRoute[] };
}

/** Reads a prevResult of any family into the 1.1.0 model (unknown keys dropped, `version` removed). */
export function parsePrevResult(raw: unknown): Result | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const json = raw as Json;
  if ('ip4' in json || 'ip6' in json) {
    const v4 = fromLegacyFamily(json, 'ip4');
    const v6 = fromLegacyFamily(json, 'ip6');
    const ips = [v4.ip, v6.ip].filter((ip): ip is ResultIp => ip !== undefined);
    return { ips, routes: [...v4.routes, ...v6.routes], dns: json.dns as ResultDns };
  }
  const ips = asArray(json.ips).map(({ version: _version, ...ip }) => ip as unknown as ResultIp);
  return {
    interfaces: asArray(json.interfaces) as unknown as ResultInterface[],
    ips,
    routes: asArray(json.routes) as unknown as ResultRoute[],
    dns: json.dns as ResultDns,
  };
}
