/**
 * The container side of bridge ADD, as upstream does it (plugins v1.9.1 cmdAdd + ipam.ConfigureIface):
 * per-interface sysctls first (arp_notify=1; accept_dad=0, or enhanced_dad=1 + accept_dad=1 with
 * `enabledad`; disable_ipv6=0 on lo and the interface when an IPv6 address comes), then link up,
 * addresses and routes — one process in the namespace. With DAD on and an IPv6 gateway, routes wait
 * until the addresses leave the tentative state (upstream's SettleAddresses).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { addressFamilyOf } from '../../../spec/address-family.ts';
import type { V100IpConfig, V100Route } from '../../../spec/v100/result.ts';
import { PLUGIN_ERROR_CODES, PluginError } from '../../skel/errors.ts';
import { type IpAddrInfo, type IpLink, ipBatch, ipJson, runIpBatch } from '../../skel/ip.ts';
import { inNetns } from '../../skel/netns.ts';

/**
 * Node cannot enter a namespace, and /proc/sys/net shows the namespace of the process that opens it, so
 * the sysctls are written by a shell inside the namespace, which then becomes `ip`. The script is a
 * constant: the interface name and modes arrive as positional arguments, never as script text. Sysctl
 * failures are ignored, as upstream ignores them (IPv6 may be disabled).
 */
export const CONTAINER_SYSCTL_SCRIPT = [
  `w() { printf '%s' "$2" 2>/dev/null >"$1" || :; }`,
  'v6="/proc/sys/net/ipv6/conf/$1"',
  'w "/proc/sys/net/ipv4/conf/$1/arp_notify" 1',
  'if [ "$2" = dad ]; then w "$v6/enhanced_dad" 1; w "$v6/accept_dad" 1; else w "$v6/accept_dad" 0; fi',
  'if [ "$3" = ipv6 ]; then w /proc/sys/net/ipv6/conf/lo/disable_ipv6 0; w "$v6/disable_ipv6" 0; fi',
  'exec ip -json -batch -',
].join('\n');

/** What {@link configureContainer} applies. */
export interface ContainerPlan {
  readonly netns: string;
  readonly ifname: string;
  readonly ips: readonly V100IpConfig[];
  readonly routes: readonly V100Route[];
  readonly enableDad: boolean;
  /** Leave the interface down (L2-only `disableContainerInterface`). */
  readonly keepDown?: boolean;
}

/** argv of the container step: sysctls then `ip -json -batch -` for L3, plain ip for L2-only. */
export function containerBatchArgv(plan: ContainerPlan): string[] {
  if (plan.ips.length === 0) return inNetns(plan.netns, ['ip', '-json', '-batch', '-']);
  const dad = plan.enableDad ? 'dad' : 'nodad';
  const family = plan.ips.some((ip) => addressFamilyOf(ip.address) === '6') ? 'ipv6' : 'ipv4';
  return inNetns(plan.netns, ['sh', '-c', CONTAINER_SYSCTL_SCRIPT, 'cni-bridge', plan.ifname, dad, family]);
}

/** The route as an `ip route append` command; a route without gw uses its family's gateway. */
export function routeCommand(route: V100Route, ips: readonly V100IpConfig[], ifname: string): string[] {
  const familyGateway = ips.find((ip) => addressFamilyOf(ip.address) === addressFamilyOf(route.dst))?.gateway;
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

/** Upstream waits for DAD only when DAD is on and there is an IPv6 gateway to route through. */
export function needsSettling(plan: ContainerPlan): boolean {
  return (
    plan.enableDad && plan.ips.some((ip) => addressFamilyOf(ip.address) === '6' && ip.gateway !== undefined)
  );
}

/** Link up, addresses, and (unless they must wait for DAD) routes; ends by showing the link. */
export function containerCommands(plan: ContainerPlan, withRoutes: boolean): string[][] {
  const commands: string[][] = [];
  if (!plan.keepDown) commands.push(['link', 'set', 'dev', plan.ifname, 'up']);
  for (const ip of plan.ips) commands.push(['addr', 'add', ip.address, 'dev', plan.ifname]);
  if (withRoutes) commands.push(...plan.routes.map((route) => routeCommand(route, plan.ips, plan.ifname)));
  commands.push(['link', 'show', 'dev', plan.ifname]);
  return commands;
}

type DadAddrInfo = IpAddrInfo & { readonly tentative?: boolean; readonly dadfailed?: boolean };

/** Polls every 50 ms, as upstream, until no IPv6 address of the link is tentative; a DAD failure fails. */
async function settleAddresses(netns: string, ifname: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [link] = await ipJson<IpLink>({ netns }, ['-6', 'addr', 'show', 'dev', ifname]);
    const addresses = (link?.addr_info ?? []) as readonly DadAddrInfo[];
    const failed = addresses.find((addr) => addr.dadfailed);
    if (failed) {
      throw new PluginError(
        PLUGIN_ERROR_CODES.INTERNAL,
        `${failed.local}/${failed.prefixlen} on ${ifname} failed duplicate address detection`,
      );
    }
    if (!addresses.some((addr) => addr.tentative)) return;
    if (Date.now() > deadline) {
      throw new PluginError(
        PLUGIN_ERROR_CODES.INTERNAL,
        `link ${ifname} still has tentative addresses after ${timeoutMs / 1000} seconds`,
      );
    }
    await sleep(50);
  }
}

/** How long ADD waits for DAD, as upstream (10 s). */
export const DAD_SETTLE_TIMEOUT_MS = 10_000;

/** Configures the container interface; returns it as shown afterwards (for its MAC). */
export async function configureContainer(plan: ContainerPlan): Promise<IpLink> {
  const settle = needsSettling(plan);
  let [link] = (await runIpBatch(containerBatchArgv(plan), containerCommands(plan, !settle))) as IpLink[];
  if (settle) {
    await settleAddresses(plan.netns, plan.ifname, DAD_SETTLE_TIMEOUT_MS);
    const routes = plan.routes.map((route) => routeCommand(route, plan.ips, plan.ifname));
    [link] = (await ipBatch({ netns: plan.netns }, [
      ...routes,
      ['link', 'show', 'dev', plan.ifname],
    ])) as IpLink[];
  }
  if (!link)
    throw new PluginError(PLUGIN_ERROR_CODES.INTERNAL, `container interface ${plan.ifname} vanished`);
  return link;
}
