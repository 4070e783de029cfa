/**
 * bridge CHECK (P-CHK-1…6): IPAM CHECK first, then everything ADD created, against prevResult (so changes
 * made by later chained plugins, e.g. a new MAC, are honoured): the bridge, the container veth, its host
 * peer enslaved to the bridge, addresses, routes, and masquerade / spoof-check rules.
 */

import { addressFamilyOf } from '../../../spec/address-family.ts';
import { invokeDelegate } from '../../skel/delegate.ts';
import { PLUGIN_ERROR_CODES, PluginError } from '../../skel/errors.ts';
import { type IpLink, ipJson } from '../../skel/ip.ts';
import { requireNetns } from '../../skel/netns.ts';
import type { PluginRequest } from '../../skel/request.ts';
import { type PluginResult, parsePrevResult } from '../../skel/result.ts';
import { type BridgeConfig, parseBridgeConfig } from './config.ts';
import { showLink } from './links.ts';
import { hasSpoofCheck } from './macspoofchk.ts';
import { hasMasquerade } from './masquerade.ts';

function fail(message: string, details?: string): never {
  throw new PluginError(PLUGIN_ERROR_CODES.INTERNAL, message, details);
}

function sameMac(a: string | undefined, b: string | undefined): boolean {
  return a === undefined || b === undefined || a.toLowerCase() === b.toLowerCase();
}

async function checkBridgeLink(config: BridgeConfig, prev: PluginResult): Promise<void> {
  const bridge = await showLink({}, config.bridge);
  if (!bridge) fail(`bridge ${config.bridge} not found`);
  if (bridge.linkinfo?.info_kind !== 'bridge') fail(`${config.bridge} is not a bridge`);
  const expected = prev.interfaces?.find((iface) => iface.name === config.bridge && !iface.sandbox);
  if (!sameMac(expected?.mac, bridge.address))
    fail(`bridge ${config.bridge} MAC ${bridge.address} differs from prevResult`, expected?.mac);
  if (bridge.flags.includes('PROMISC') !== config.promiscMode)
    fail(`bridge ${config.bridge} promiscuous mode differs from promiscMode`);
}

async function checkContainerLink(
  request: PluginRequest,
  prev: PluginResult,
  config: BridgeConfig,
): Promise<IpLink> {
  const { netns, ifname } = request.env;
  const link = await showLink({ netns }, ifname);
  if (!link) fail(`container interface ${ifname} not found in ${netns}`);
  if (link.linkinfo?.info_kind !== 'veth') fail(`container interface ${ifname} is not a veth`);
  const expected = prev.interfaces?.find((iface) => iface.name === ifname && iface.sandbox === netns);
  if (!expected) fail(`prevResult lists no interface ${ifname} in sandbox ${netns}`);
  if (!sameMac(expected.mac, link.address))
    fail(`interface ${ifname} MAC ${link.address} differs from prevResult`, expected.mac);
  const hostLinks = await ipJson<IpLink>({}, ['link', 'show']);
  const peer = hostLinks.find((host) => host.ifindex === link.link_index);
  if (!peer) fail(`no host veth peers with ${ifname}`);
  if (peer.master !== config.bridge) fail(`host veth ${peer.ifname} is not attached to ${config.bridge}`);
  return link;
}

function checkAddresses(prev: PluginResult, link: IpLink): void {
  const index = prev.interfaces?.findIndex(
    (iface) => iface.name === link.ifname && iface.sandbox !== undefined,
  );
  const present = (link.addr_info ?? []).map((addr) => `${addr.local}/${addr.prefixlen}`);
  for (const ip of prev.ips ?? []) {
    if (ip.interface !== undefined && ip.interface !== index) continue;
    if (!present.includes(ip.address)) fail(`address ${ip.address} missing on ${link.ifname}`);
  }
}

async function checkRoutes(netns: string, prev: PluginResult): Promise<void> {
  const wanted = prev.routes ?? [];
  if (wanted.length === 0) return;
  const v4 = await ipJson<{ dst: string }>({ netns }, ['route', 'show']);
  const v6 = wanted.some((route) => addressFamilyOf(route.dst) === '6')
    ? await ipJson<{ dst: string }>({ netns }, ['-6', 'route', 'show'])
    : [];
  const present = new Set([...v4, ...v6].map((route) => route.dst));
  for (const route of wanted) {
    const dst =
      route.dst === '0.0.0.0/0' || route.dst === '::/0' ? 'default' : route.dst.replace(/\/(32|128)$/, '');
    if (!present.has(dst) && !present.has(route.dst)) fail(`route to ${route.dst} missing in the container`);
  }
}

/** CHECK. */
export async function checkBridge(request: PluginRequest): Promise<void> {
  requireNetns(request.env.netns);
  const config = parseBridgeConfig(request);
  if (config.ipamType) await invokeDelegate(config.ipamType, 'CHECK', request);
  const prev = parsePrevResult(request.config.prevResult);
  if (!prev) throw new PluginError(PLUGIN_ERROR_CODES.INVALID_NETWORK_CONFIG, 'Required prevResult missing');
  await checkBridgeLink(config, prev);
  const link = await checkContainerLink(request, prev, config);
  checkAddresses(prev, link);
  await checkRoutes(request.env.netns, prev);
  const owner = { network: request.name, containerId: request.env.containerId, ifname: request.env.ifname };
  if (config.ipMasq && (prev.ips ?? []).length > 0 && !(await hasMasquerade(config.ipMasqBackend, owner))) {
    fail('masquerade rules missing');
  }
  if (config.macspoofchk && !(await hasSpoofCheck(owner))) fail('macspoofchk rule missing');
}
