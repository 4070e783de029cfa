/**
 * One view of an ADD result whatever its family (SPEC.md "ADD Success"): 0.1.0/0.2.0 `ip4`/`ip6` become `ips` and `routes`
 * without interfaces; 0.3.x–1.x are taken as they are. Checks that compare a result with the kernel or with a
 * prevResult read this view, so they need not branch on versions. Shape validation is the schema's job
 * (src/spec), not this module's: unknown shapes give empty lists.
 */
import type { JsonObject } from '../../../src/target.ts';
import { canonicalCidr, canonicalIp } from './kernel.ts';

export interface ViewInterface {
  readonly name: string;
  readonly mac: string | undefined;
  readonly sandbox: string | undefined;
}
export interface ViewIp {
  /** Canonical "ip/prefix". */
  readonly address: string;
  readonly gateway: string | undefined;
  readonly interface: number | undefined;
}
export interface ViewRoute {
  /** Canonical CIDR. */
  readonly dst: string;
  readonly gw: string | undefined;
}
export interface ResultView {
  readonly cniVersion: unknown;
  readonly interfaces: readonly ViewInterface[];
  readonly ips: readonly ViewIp[];
  readonly routes: readonly ViewRoute[];
  readonly dns: unknown;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
function list(value: unknown): JsonObject[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

function viewRoutes(raw: unknown): ViewRoute[] {
  return list(raw).map((route) => ({
    dst: canonicalCidr(str(route.dst) ?? '') ?? String(route.dst),
    gw: canonicalIp(str(route.gw) ?? '') ?? str(route.gw),
  }));
}

function viewIp(address: unknown, gateway: unknown, index: unknown): ViewIp {
  return {
    address: canonicalCidr(str(address) ?? '') ?? String(address),
    gateway: canonicalIp(str(gateway) ?? '') ?? str(gateway),
    interface: typeof index === 'number' ? index : undefined,
  };
}

function viewLegacy(result: JsonObject): Pick<ResultView, 'ips' | 'routes'> {
  const families = [result.ip4, result.ip6].filter(isObject);
  return {
    ips: families.map((family) => viewIp(family.ip, family.gateway, undefined)),
    routes: families.flatMap((family) => viewRoutes(family.routes)),
  };
}

/** The view of a parsed result (anything that is not an object gives an empty view). */
export function viewResult(raw: unknown): ResultView {
  const result = isObject(raw) ? raw : {};
  const legacy = 'ip4' in result || 'ip6' in result;
  const { ips, routes } = legacy
    ? viewLegacy(result)
    : {
        ips: list(result.ips).map((ip) => viewIp(ip.address, ip.gateway, ip.interface)),
        routes: viewRoutes(result.routes),
      };
  const interfaces = list(result.interfaces).map((entry) => ({
    name: String(entry.name),
    mac: str(entry.mac)?.toLowerCase(),
    sandbox: str(entry.sandbox),
  }));
  return { cniVersion: result.cniVersion, interfaces, ips, routes, dns: result.dns };
}
