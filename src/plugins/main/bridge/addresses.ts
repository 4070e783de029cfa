/**
 * Layer 3 for bridge: gateways (isGateway / isDefaultGateway), the container's addresses and routes (one
 * batched `ip` run inside the namespace), the gateway address on the bridge, and IP forwarding.
 */
import { writeFileSync } from 'node:fs';
import { formatAddress, offset, parseCidr } from '../../skel/address.ts';
import { PLUGIN_ERROR_CODES, PluginError } from '../../skel/errors.ts';
import { runCommand } from '../../skel/exec.ts';
import { type IpLink, ipBatch } from '../../skel/ip.ts';
import { isIpv6, type ResultIp, type ResultRoute } from '../../skel/result.ts';
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

/** Fills gateways and default routes as isGateway / isDefaultGateway ask (notes §2.17). */
export function applyGatewayPolicy(config: BridgeConfig, ips: ResultIp[], routes: ResultRoute[]): void {
  if (!config.isGateway) return;
  for (const ip of ips) ip.gateway ??= firstHost(ip.address);
  if (!config.isDefaultGateway) return;
  for (const v6 of [false, true]) {
    const gateway = ips.find((ip) => isIpv6(ip.address) === v6)?.gateway;
    const dst = v6 ? '::/0' : '0.0.0.0/0';
    const hasDefault = routes.some((route) => route.dst === dst && route.gw !== undefined);
    if (gateway && !hasDefault) routes.push({ dst, gw: gateway });
  }
}

function routeCommand(route: ResultRoute, ips: readonly ResultIp[], ifname: string): string[] {
  const familyGateway = ips.find((ip) => isIpv6(ip.address) === isIpv6(route.dst))?.gateway;
  const gw = route.gw ?? familyGateway;
  // append, not add: a second attachment in the same namespace may route the same destination (P-ADD-8);
  // the kernel keeps both and drops each with its interface.
  const command = ['route', 'append', route.dst, ...(gw ? ['via', gw] : []), 'dev', ifname];
  if (route.priority !== undefined) command.push('metric', String(route.priority));
  if (route.table !== undefined) command.push('table', String(route.table));
  if (route.mtu !== undefined) command.push('mtu', String(route.mtu));
  if (route.advmss !== undefined) command.push('advmss', String(route.advmss));
  if (route.scope !== undefined) command.push('scope', String(route.scope));
  return command;
}

/** What {@link configureContainer} applies. */
export interface ContainerPlan {
  readonly netns: string;
  readonly ifname: string;
  readonly ips: readonly ResultIp[];
  readonly routes: readonly ResultRoute[];
  readonly enableDad: boolean;
  /** Leave the interface down (L2-only `disableContainerInterface`). */
  readonly keepDown?: boolean;
}

/** Addresses, link up, routes, then reads the link back (for its MAC) — one process in the namespace. */
export async function configureContainer(plan: ContainerPlan): Promise<IpLink> {
  const commands: string[][] = plan.ips.map((ip) => [
    'addr',
    'add',
    ip.address,
    'dev',
    plan.ifname,
    ...(isIpv6(ip.address) && !plan.enableDad ? ['nodad'] : []),
  ]);
  if (!plan.keepDown) commands.push(['link', 'set', 'dev', plan.ifname, 'up']);
  commands.push(...plan.routes.map((route) => routeCommand(route, plan.ips, plan.ifname)));
  commands.push(['link', 'show', 'dev', plan.ifname]);
  const [link] = (await ipBatch({ netns: plan.netns }, commands)) as IpLink[];
  if (!link)
    throw new PluginError(PLUGIN_ERROR_CODES.INTERNAL, `container interface ${plan.ifname} vanished`);
  return link;
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

/**
 * Puts each gateway (with the subnet's prefix) on the bridge. A different address of the same family
 * (for IPv6: an overlapping one) is an error unless forceAddress, which replaces it.
 */
export async function assignBridgeGateways(
  config: BridgeConfig,
  bridge: IpLink,
  ips: readonly ResultIp[],
): Promise<void> {
  for (const ip of ips) {
    if (!ip.gateway) continue;
    const wanted = `${ip.gateway}/${prefixOf(ip.address)}`;
    const v6 = isIpv6(ip.address);
    const family = v6 ? 'inet6' : 'inet';
    const present = (bridge.addr_info ?? []).filter(
      (addr) => addr.family === family && addr.scope !== 'link',
    );
    if (present.some((addr) => `${addr.local}/${addr.prefixlen}` === wanted)) continue;
    const clashing = present.filter((addr) => conflicts(addr, wanted, v6));
    if (clashing.length > 0 && !config.forceAddress) {
      throw new PluginError(
        PLUGIN_ERROR_CODES.INTERNAL,
        `failed to set bridge addr: "${config.bridge}" already has an IP address different from ${wanted}`,
      );
    }
    for (const addr of clashing)
      await runCommand(['ip', 'addr', 'del', `${addr.local}/${addr.prefixlen}`, 'dev', config.bridge]);
    const outcome = await runCommand([
      'ip',
      'addr',
      'add',
      wanted,
      'dev',
      config.bridge,
      ...(v6 ? ['nodad'] : []),
    ]);
    // A concurrent ADD on the same bridge may have added it first.
    if (outcome.exitCode !== 0 && !/File exists|already assigned/.test(outcome.stderr)) {
      throw new PluginError(
        PLUGIN_ERROR_CODES.INTERNAL,
        `failed to set bridge addr: ${outcome.stderr.trim()}`,
        wanted,
      );
    }
  }
  enableForwarding(ips);
}

function enableForwarding(ips: readonly ResultIp[]): void {
  const files = new Set(
    ips.map((ip) =>
      isIpv6(ip.address) ? '/proc/sys/net/ipv6/conf/all/forwarding' : '/proc/sys/net/ipv4/ip_forward',
    ),
  );
  for (const file of files) {
    try {
      writeFileSync(file, '1');
    } catch {
      // Read-only /proc/sys (unprivileged sandbox): the gateway still works for same-subnet traffic.
    }
  }
}
