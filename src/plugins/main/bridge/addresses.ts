/**
 * Layer 3 on the host side of bridge: gateways and default routes (isGateway / isDefaultGateway), the
 * gateway addresses on the bridge (or on the `<bridge>.<vlan>` veth), and IP forwarding.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { addressFamilyOf } from '../../../spec/address-family.ts';
import type { V100IpConfig, V100Route } from '../../../spec/v100/result.ts';
import { formatAddress, offset, parseCidr } from '../../skel/address.ts';
import { PLUGIN_ERROR_CODES, PluginError } from '../../skel/errors.ts';
import type { IpLink } from '../../skel/ip.ts';
import type { BridgeConfig } from './config.ts';

/** The first host of the address's subnet, used when isGateway and IPAM gave no gateway. */
function firstHost(cidr: string): string {
  const parsed = parseCidr(cidr);
  if (!parsed) throw new PluginError(PLUGIN_ERROR_CODES.INTERNAL, 'IPAM returned an invalid address', cidr);
  const bits = parsed.address.v6 ? 128 : 32;
  const hostBits = BigInt(bits - parsed.prefix);
  const network = { v6: parsed.address.v6, value: (parsed.address.value >> hostBits) << hostBits };
  return formatAddress(offset(network, 1n));
}

/** Fills gateways and default routes as isGateway / isDefaultGateway ask (the reference plugins' behaviour). */
export function applyGatewayPolicy(config: BridgeConfig, ips: V100IpConfig[], routes: V100Route[]): void {
  if (!config.isGateway) return;
  for (const ip of ips) ip.gateway ??= firstHost(ip.address);
  if (!config.isDefaultGateway) return;
  for (const v6 of [false, true]) {
    const gateway = ips.find((ip) => (addressFamilyOf(ip.address) === '6') === v6)?.gateway;
    const dst = v6 ? '::/0' : '0.0.0.0/0';
    const hasDefault = routes.some((route) => route.dst === dst && route.gw !== undefined);
    if (gateway && !hasDefault) routes.push({ dst, gw: gateway });
  }
}

function prefixOf(address: string): number {
  return Number(address.slice(address.indexOf('/') + 1));
}

function conflicts(existing: { local: string; prefixlen: number }, wanted: string, v6: boolean): boolean {
  if (!v6) return true;
  const ours = parseCidr(wanted);
  const theirs = parseCidr(`${existing.local}/${existing.prefixlen}`);
  if (!ours || !theirs) return false;
  const prefix = BigInt(128 - Math.min(ours.prefix, theirs.prefix));
  return ours.address.value >> prefix === theirs.address.value >> prefix;
}

/** Where gateway addresses go: the bridge, or the `<bridge>.<vlan>` veth when `vlan` is set. */
export interface GatewayHolder {
  /** The link as `ip -j addr show` printed it (its current addresses). */
  readonly link: IpLink;
  /** Upstream's error prefix: "failed to set bridge addr" or "failed to set vlan interface for bridge with addr". */
  readonly errorPrefix: string;
}

/**
 * The `ip` commands that put each gateway (with the subnet's prefix) on the holder. A different address
 * of the same family (for IPv6: an overlapping one) is an error unless forceAddress, which replaces it.
 * `addr replace` is idempotent, so a concurrent ADD that added the same address first is no failure.
 */
export function gatewayCommands(
  holder: GatewayHolder,
  ips: readonly V100IpConfig[],
  forceAddress: boolean,
): string[][] {
  const name = holder.link.ifname;
  const commands: string[][] = [];
  for (const ip of ips) {
    if (!ip.gateway) continue;
    const wanted = `${ip.gateway}/${prefixOf(ip.address)}`;
    const v6 = addressFamilyOf(ip.address) === '6';
    const family = v6 ? 'inet6' : 'inet';
    const present = (holder.link.addr_info ?? []).filter(
      (addr) => addr.family === family && addr.scope !== 'link',
    );
    if (present.some((addr) => `${addr.local}/${addr.prefixlen}` === wanted)) continue;
    const clashing = present.filter((addr) => conflicts(addr, wanted, v6));
    if (clashing.length > 0 && !forceAddress) {
      throw new PluginError(
        PLUGIN_ERROR_CODES.INTERNAL,
        `${holder.errorPrefix}: "${name}" already has an IP address different from ${wanted}`,
      );
    }
    for (const addr of clashing)
      commands.push(['addr', 'del', `${addr.local}/${addr.prefixlen}`, 'dev', name]);
    // nodad: the gateway must answer at once; DAD would leave it tentative for a second or two.
    commands.push(['addr', 'replace', wanted, 'dev', name, ...(v6 ? ['nodad'] : [])]);
  }
  return commands;
}

/** Upstream enables forwarding for each family that has a gateway (ip_forward, conf/all/forwarding). */
export function enableForwarding(ips: readonly V100IpConfig[]): void {
  const files = new Set(
    ips
      .filter((ip) => ip.gateway !== undefined)
      .map((ip) =>
        addressFamilyOf(ip.address) === '6'
          ? '/proc/sys/net/ipv6/conf/all/forwarding'
          : '/proc/sys/net/ipv4/ip_forward',
      ),
  );
  for (const file of files) writeSysctl(file, '1');
}

/** Writes a sysctl of the namespace we run in; a read-only or missing one is skipped, as upstream does. */
export function writeSysctl(file: string, value: string): void {
  try {
    if (readFileSync(file, 'utf8').trim() !== value) writeFileSync(file, value);
  } catch {
    // Read-only /proc/sys (unprivileged sandbox) or the feature is off: nothing to do.
  }
}
