/**
 * What the fidelity suites need to know about an IPAM configuration: whether it is range-based like host-local
 * (`subnet` or `ranges`), so a check can give it a small range of its own and predict exhaustion; where a
 * host-local-compatible store keeps its leases; and which addresses a result hands out.
 */
import ipaddr from 'ipaddr.js';
import type { JsonObject } from '../../../src/target.ts';

const DEFAULT_DATA_DIR = '/var/lib/cni/networks';
const RANGE_KEYS = ['subnet', 'ranges', 'rangeStart', 'rangeEnd', 'gateway'] as const;

function ipamOf(config: JsonObject): JsonObject | undefined {
  const ipam = config.ipam;
  return typeof ipam === 'object' && ipam !== null && !Array.isArray(ipam) ? (ipam as JsonObject) : undefined;
}

/** True when the config's IPAM takes host-local style ranges (`subnet` or `ranges`). */
export function isRangeIpam(config: JsonObject): boolean {
  const ipam = ipamOf(config);
  return ipam !== undefined && (typeof ipam.subnet === 'string' || Array.isArray(ipam.ranges));
}

/** The config with its IPAM range replaced by one range set: `subnet` (gateway: subnet + 1), up to `rangeEnd`. */
export function withSubnet(config: JsonObject, subnet: string, rangeEnd?: string): JsonObject {
  const ipam = { ...ipamOf(config) };
  for (const key of RANGE_KEYS) delete ipam[key];
  return { ...config, ipam: { ...ipam, ranges: [[{ subnet, ...(rangeEnd ? { rangeEnd } : {}) }]] } };
}

/**
 * Where a host-local-compatible store keeps this network's leases (`<dataDir>/<network name>`), whatever the IPAM
 * binary is called: fault wrappers around host-local keep its layout. Undefined for non-range IPAMs.
 */
export function leaseDirOf(config: JsonObject): string | undefined {
  const ipam = ipamOf(config);
  if (ipam === undefined || !isRangeIpam(config)) return undefined;
  const dataDir = typeof ipam.dataDir === 'string' ? ipam.dataDir : DEFAULT_DATA_DIR;
  return `${dataDir}/${String(config.name)}`;
}

function stringField(value: unknown, key: string): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const field = (value as Record<string, unknown>)[key];
  return typeof field === 'string' ? field : undefined;
}

/** The addresses (CIDR text as printed) a result hands out: `ips[].address`, or `ip4.ip`/`ip6.ip` before 0.3.0. */
export function resultAddresses(result: unknown): string[] {
  if (typeof result !== 'object' || result === null) return [];
  const record = result as Record<string, unknown>;
  if (Array.isArray(record.ips)) {
    return record.ips.flatMap((ip) => {
      const address = stringField(ip, 'address');
      return address === undefined ? [] : [address];
    });
  }
  return ['ip4', 'ip6'].flatMap((key) => {
    const address = stringField(record[key], 'ip');
    return address === undefined ? [] : [address];
  });
}

/** The bare IP of "10.1.0.5/24" in canonical text, or undefined when it is not a CIDR. */
export function addressIp(cidr: string): string | undefined {
  const [ip, prefix] = cidr.split('/');
  if (ip === undefined || prefix === undefined || !ipaddr.isValid(ip)) return undefined;
  return ipaddr.parse(ip).toString();
}

/** An IPv4 subnet's facts: what may be handed out (not network, broadcast or the default gateway .1). */
export interface SubnetFacts {
  readonly subnet: string;
  readonly allocatable: ReadonlySet<string>;
  readonly reserved: ReadonlySet<string>;
}

/** Facts of an IPv4 subnet with host-local defaults (gateway = network + 1), optionally ending at `rangeEnd`. */
export function subnetFacts(subnet: string, rangeEnd?: string): SubnetFacts {
  const [network, prefix] = ipaddr.IPv4.parseCIDR(subnet);
  const base = network.toByteArray().reduce((acc, byte) => acc * 256 + byte, 0);
  const size = 2 ** (32 - prefix);
  const text = (n: number) => [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
  const allocatable = new Set<string>();
  for (let offset = 2; offset < size - 1; offset++) {
    allocatable.add(text(base + offset));
    if (text(base + offset) === rangeEnd) break;
  }
  return { subnet, allocatable, reserved: new Set([text(base), text(base + 1), text(base + size - 1)]) };
}

/** Canonical IPs of every `address` string and `ips` list anywhere in `value` (walked recursively). */
function namedIps(value: unknown, key = ''): string[] {
  if (typeof value === 'string') {
    const named = key === 'address' || key === 'ips';
    return named ? [addressIp(value.includes('/') ? value : `${value}/32`) ?? value] : [];
  }
  if (Array.isArray(value)) return value.flatMap((item) => namedIps(item, key === 'ips' ? 'ips' : ''));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([field, inner]) => namedIps(inner, field));
}

/**
 * Addresses the configuration itself names (static's `addresses[].address`, requested `ips`): an IPAM whose job is
 * to hand out the configured address gives it to every attachment, so uniqueness applies only to the addresses an
 * IPAM allocates.
 */
export function configuredAddresses(config: unknown): ReadonlySet<string> {
  return new Set(namedIps(config));
}
