/**
 * host-local's configuration (the reference plugins' behaviour): `ipam.ranges`, the legacy single range at `ipam.subnet…`,
 * `runtimeConfig.ipRanges` (prepended), `routes`, `dataDir`, `resolvConf`, and the requested addresses
 * from CNI_ARGS `IP=`, `args.cni.ips` and `runtimeConfig.ips`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Dns } from '../../../spec/common.ts';
import type { V100Route } from '../../../spec/v100/result.ts';
import { familyOf, isCniVersion } from '../../../spec/versions.ts';
import { type Address, parseCidr, parseRequestedAddress } from '../../skel/address.ts';
import { parseCniArgs } from '../../skel/cni-args.ts';
import { invalidConfig } from '../../skel/errors.ts';
import type { PluginRequest } from '../../skel/request.ts';
import { parseRangeSets, type RangeSet } from './range-set.ts';

/** The default parent of every network's lease directory. */
export const DEFAULT_DATA_DIR = '/var/lib/cni/networks';

/** host-local's resolved configuration. */
export interface IpamConfig {
  /** `<dataDir>/<network name>`: leases, last_reserved_ip.N and lock. */
  readonly dir: string;
  readonly rangeSets: readonly RangeSet[];
  readonly routes: V100Route[];
  readonly resolvConf: string | undefined;
}

type Json = Record<string, unknown>;

function asObject(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

function rawRangeSets(ipam: Json, runtimeConfig: Json | undefined): unknown[] {
  const sets: unknown[] = [];
  const dynamic = runtimeConfig?.ipRanges;
  if (Array.isArray(dynamic)) sets.push(...dynamic);
  if (typeof ipam.subnet === 'string' && ipam.subnet !== '') {
    sets.push([
      { subnet: ipam.subnet, rangeStart: ipam.rangeStart, rangeEnd: ipam.rangeEnd, gateway: ipam.gateway },
    ]);
  }
  if (ipam.ranges !== undefined && !Array.isArray(ipam.ranges))
    throw invalidConfig('ipam.ranges must be an array');
  sets.push(...((ipam.ranges as unknown[] | undefined) ?? []));
  return sets;
}

function parseRoutes(raw: unknown): V100Route[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw invalidConfig('ipam.routes must be an array');
  return raw.map((item, index) => {
    const route = asObject(item);
    if (!route || typeof route.dst !== 'string' || !parseCidr(route.dst)) {
      throw invalidConfig(`ipam.routes[${index}].dst must be a CIDR`, JSON.stringify(item));
    }
    return { ...(route as unknown as V100Route) };
  });
}

/** Versions before 0.3.0 carry one address per family (P-DEL-6: DEL fails on this too). */
function checkFamiliesForVersion(sets: readonly RangeSet[], cniVersion: string): void {
  if (!isCniVersion(cniVersion) || familyOf(cniVersion) !== 'v020') return;
  const v6 = sets.filter((set) => set[0]?.start.v6).length;
  if (v6 > 1 || sets.length - v6 > 1) {
    throw invalidConfig(`CNI version ${cniVersion} does not support more than 1 address per family`);
  }
}

/** `<dataDir>/<network name>`, read without validating the rest (DEL and GC need nothing else). */
export function networkDir(request: PluginRequest): string {
  const dataDir = asObject(request.config.ipam)?.dataDir;
  return join(typeof dataDir === 'string' && dataDir !== '' ? dataDir : DEFAULT_DATA_DIR, request.name);
}

/** Options of {@link parseIpamConfig}. */
export interface ParseIpamOptions {
  /** Fail with "no IP ranges specified" when there are none. @defaultValue true */
  readonly requireRanges?: boolean;
}

/** Reads and validates `ipam` from the request. */
export function parseIpamConfig(request: PluginRequest, options: ParseIpamOptions = {}): IpamConfig {
  const ipam = asObject(request.config.ipam);
  if (!ipam) throw invalidConfig("IPAM config missing 'ipam' key");
  const rangeSets = parseRangeSets(rawRangeSets(ipam, asObject(request.config.runtimeConfig)));
  if (rangeSets.length === 0 && options.requireRanges !== false)
    throw invalidConfig('no IP ranges specified');
  checkFamiliesForVersion(rangeSets, request.cniVersion);
  const resolvConf =
    typeof ipam.resolvConf === 'string' && ipam.resolvConf !== '' ? ipam.resolvConf : undefined;
  return { dir: networkDir(request), rangeSets, routes: parseRoutes(ipam.routes), resolvConf };
}

function parseRequested(raw: string, source: string): Address {
  const address = parseRequestedAddress(raw.trim());
  if (!address) throw invalidConfig(`${source}: invalid IP address`, raw);
  return address;
}

/** The union of requested addresses: CNI_ARGS `IP=` (comma-separated), `args.cni.ips`, `runtimeConfig.ips`. */
export function requestedAddresses(request: PluginRequest): Address[] {
  const argsIps = asObject(asObject(request.config.args)?.cni)?.ips;
  // CONVENTIONS (P-CAP-2): args.cni.ips duplicates CNI_ARGS IP, so when it is given CNI_ARGS IP is ignored.
  const fromEnv = Array.isArray(argsIps) ? undefined : parseCniArgs(request.env.args).get('IP');
  const requested = (fromEnv ?? '')
    .split(',')
    .filter((item) => item !== '')
    .map((item) => parseRequested(item, 'CNI_ARGS IP'));
  const runtimeIps = asObject(request.config.runtimeConfig)?.ips;
  for (const [list, source] of [
    [argsIps, 'args.cni.ips'],
    [runtimeIps, 'runtimeConfig.ips'],
  ] as const) {
    if (!Array.isArray(list)) continue;
    for (const item of list) requested.push(parseRequested(String(item), source));
  }
  return requested.filter(
    (address, index) =>
      requested.findIndex((other) => other.value === address.value && other.v6 === address.v6) === index,
  );
}

/** Resolver data parsed from a resolv.conf-style file (nameserver, domain, search, options). */
export function readResolvConf(path: string): Dns {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw invalidConfig(`cannot read resolvConf ${path}`, String(error));
  }
  const dns: Required<Dns> = { nameservers: [], domain: '', search: [], options: [] };
  for (const line of text.split('\n')) {
    const [keyword, ...values] = line.trim().split(/\s+/);
    if (keyword === 'nameserver' && values[0]) dns.nameservers.push(values[0]);
    else if (keyword === 'domain' && values[0]) dns.domain = values[0];
    else if (keyword === 'search') dns.search.push(...values);
    else if (keyword === 'options') dns.options.push(...values);
  }
  return {
    ...(dns.nameservers.length > 0 ? { nameservers: dns.nameservers } : {}),
    ...(dns.domain ? { domain: dns.domain } : {}),
    ...(dns.search.length > 0 ? { search: dns.search } : {}),
    ...(dns.options.length > 0 ? { options: dns.options } : {}),
  };
}
