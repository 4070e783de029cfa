import type { JsonObject } from '../../../src/target.ts';
/** True when the config's IPAM takes host-local style ranges (`subnet` or `ranges`). */
export declare function isRangeIpam(config: JsonObject): boolean;
/** The config with its IPAM range replaced by one range set: `subnet` (gateway: subnet + 1), up to `rangeEnd`. */
export declare function withSubnet(config: JsonObject, subnet: string, rangeEnd?: string): JsonObject;
/**
 * Where a host-local-compatible store keeps this network's leases (`<dataDir>/<network name>`), whatever the IPAM
 * binary is called: fault wrappers around host-local keep its layout. Undefined for non-range IPAMs.
 */
export declare function leaseDirOf(config: JsonObject): string | undefined;
/** The addresses (CIDR text as printed) a result hands out: `ips[].address`, or `ip4.ip`/`ip6.ip` before 0.3.0. */
export declare function resultAddresses(result: unknown): string[];
/** The bare IP of "10.1.0.5/24" in canonical text, or undefined when it is not a CIDR. */
export declare function addressIp(cidr: string): string | undefined;
/** An IPv4 subnet's facts: what may be handed out (not network, broadcast or the default gateway .1). */
export interface SubnetFacts {
  readonly subnet: string;
  readonly allocatable: ReadonlySet<string>;
  readonly reserved: ReadonlySet<string>;
}
/** Facts of an IPv4 subnet with host-local defaults (gateway = network + 1), optionally ending at `rangeEnd`. */
export declare function subnetFacts(subnet: string, rangeEnd?: string): SubnetFacts;
