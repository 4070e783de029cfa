/**
 * Host-side link work for bridge: create or reuse the bridge, create the veth pair straight into the
 * container namespace, enslave and configure the host end — each step one batched `ip`/`bridge` process.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { PLUGIN_ERROR_CODES, PluginError } from '../../skel/errors.ts';
import { runChecked, runCommand } from '../../skel/exec.ts';
import { type IpLink, type IpTarget, ipBatch } from '../../skel/ip.ts';
import { inNetns } from '../../skel/netns.ts';
import type { BridgeConfig } from './config.ts';

/** Shows one link with details (`ip -d -j link show dev NAME`), or undefined when it does not exist. */
export async function showLink(target: IpTarget, name: string): Promise<IpLink | undefined> {
  const argv = ['ip', '-d', '-j', 'addr', 'show', 'dev', name];
  const outcome = await runCommand(target.netns ? inNetns(target.netns, argv) : argv);
  if (outcome.exitCode !== 0) {
    if (/does not exist|Cannot find device/.test(outcome.stderr)) return undefined;
    throw new PluginError(PLUGIN_ERROR_CODES.INTERNAL, `ip failed: ${outcome.stderr.trim()}`, argv.join(' '));
  }
  return (JSON.parse(outcome.stdout) as IpLink[])[0];
}

function needsVlanFiltering(config: BridgeConfig): boolean {
  return config.vlan !== 0 || config.vlanTrunk.length > 0;
}

/** Creates the bridge when missing (tolerating a concurrent creator) and applies promisc / vlan_filtering. */
export async function ensureBridge(config: BridgeConfig): Promise<void> {
  const name = config.bridge;
  let existing = await showLink({}, name);
  if (!existing) {
    const mtu = config.mtu > 0 ? ['mtu', String(config.mtu)] : [];
    // A fixed address: otherwise the bridge takes its lowest port's MAC, which changes as containers come
    // and go and would make CHECK of earlier attachments fail on the bridge MAC.
    const address = ['address', randomLocalMac()];
    const outcome = await runCommand([
      'ip',
      'link',
      'add',
      'name',
      name,
      ...address,
      ...mtu,
      'type',
      'bridge',
    ]);
    existing = await showLink({}, name);
    if (!existing)
      throw new PluginError(
        PLUGIN_ERROR_CODES.INTERNAL,
        `failed to create bridge "${name}"`,
        outcome.stderr.trim(),
      );
  }
  if (existing.linkinfo?.info_kind !== 'bridge') {
    throw new PluginError(
      PLUGIN_ERROR_CODES.INTERNAL,
      `failed to create bridge "${name}": "${name}" already exists but is not a bridge`,
    );
  }
  const commands = [['link', 'set', 'dev', name, 'up']];
  if (config.promiscMode) commands.push(['link', 'set', 'dev', name, 'promisc', 'on']);
  if (needsVlanFiltering(config))
    commands.push(['link', 'set', 'dev', name, 'type', 'bridge', 'vlan_filtering', '1']);
  await ipBatch({}, commands);
  disableRouterAdvertisements(name);
}

/** Upstream sets accept_ra=0 on the bridge so router advertisements cannot add host routes. */
function disableRouterAdvertisements(bridge: string): void {
  try {
    writeFileSync(`/proc/sys/net/ipv6/conf/${bridge}/accept_ra`, '0');
  } catch {
    // IPv6 disabled on this host: nothing to turn off.
  }
}

/** A random locally administered unicast MAC. */
function randomLocalMac(): string {
  const bytes = randomBytes(6);
  bytes[0] = ((bytes[0] ?? 0) & 0xfe) | 0x02;
  return [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join(':');
}

/** A fresh random host-side veth name, as upstream: `veth` + 8 hex digits. */
export function newHostVethName(): string {
  return `veth${randomBytes(4).toString('hex')}`;
}

/** What {@link createVethPair} needs. */
export interface VethPlan {
  readonly hostName: string;
  readonly ifname: string;
  readonly netns: string;
}

/**
 * Creates the pair with the container end directly in the container namespace, then enslaves and raises
 * the host end. Fails when CNI_IFNAME already exists in the container (P-ADD-3).
 */
export async function createVethPair(config: BridgeConfig, plan: VethPlan): Promise<void> {
  const mtu = config.mtu > 0 ? ['mtu', String(config.mtu)] : [];
  const mac = config.mac ? ['address', config.mac] : [];
  const add = ['link', 'add', 'name', plan.hostName, ...mtu, 'type', 'veth'];
  const peer = ['peer', 'name', plan.ifname, ...mac, ...mtu, 'netns', plan.netns];
  const outcome = await runCommand(['ip', ...add, ...peer]);
  if (outcome.exitCode !== 0) {
    const exists = /File exists/.test(outcome.stderr);
    const message = exists
      ? `container veth name ("${plan.ifname}") peer provided ("${plan.hostName}") already exists`
      : `failed to create veth pair: ${outcome.stderr.trim()}`;
    throw new PluginError(PLUGIN_ERROR_CODES.INTERNAL, message);
  }
  const commands = [
    ['link', 'set', 'dev', plan.hostName, 'master', config.bridge],
    ['link', 'set', 'dev', plan.hostName, 'up'],
  ];
  if (config.hairpinMode)
    commands.push(['link', 'set', 'dev', plan.hostName, 'type', 'bridge_slave', 'hairpin', 'on']);
  await ipBatch({}, commands);
  if (needsVlanFiltering(config)) await configurePortVlans(config, plan.hostName);
}

async function configurePortVlans(config: BridgeConfig, port: string): Promise<void> {
  const lines: string[] = [];
  if (!config.preserveDefaultVlan) lines.push(`vlan del dev ${port} vid 1`);
  if (config.vlan !== 0) lines.push(`vlan add dev ${port} vid ${config.vlan} pvid untagged`);
  for (const trunk of config.vlanTrunk) {
    lines.push(
      `vlan add dev ${port} vid ${trunk.min === trunk.max ? trunk.min : `${trunk.min}-${trunk.max}`}`,
    );
  }
  await runChecked(['bridge', '-batch', '-'], { input: `${lines.join('\n')}\n` });
}

/** Deletes a host link, ignoring one that is already gone. */
export async function deleteHostLink(name: string): Promise<void> {
  await runCommand(['ip', 'link', 'del', 'dev', name]);
}
