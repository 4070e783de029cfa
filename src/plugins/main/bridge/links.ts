/**
 * Host-side link work for bridge in as few processes as possible: one `ip -d -j addr show` of the bridge,
 * then one `ip -batch` that creates the bridge when missing, creates the veth pair straight into the
 * container namespace, enslaves and raises the host end, and prints both links back.
 */
import { PLUGIN_ERROR_CODES, PluginError } from '../../skel/errors.ts';
import { runCommand } from '../../skel/exec.ts';
import { type IpLink, type IpTarget, ipBatch } from '../../skel/ip.ts';
import { inNetns } from '../../skel/netns.ts';
import { writeSysctl } from './addresses.ts';
import { type BridgeConfig, usesVlans } from './config.ts';

/** Shows one link with details and addresses, or undefined when it does not exist. */
export async function showLink(target: IpTarget, name: string): Promise<IpLink | undefined> {
  const argv = ['ip', '-d', '-j', 'addr', 'show', 'dev', name];
  const outcome = await runCommand(target.netns ? inNetns(target.netns, argv) : argv);
  if (outcome.exitCode !== 0) {
    if (/does not exist|Cannot find device/.test(outcome.stderr)) return undefined;
    throw new PluginError(PLUGIN_ERROR_CODES.INTERNAL, `ip failed: ${outcome.stderr.trim()}`, argv.join(' '));
  }
  return (JSON.parse(outcome.stdout) as IpLink[])[0];
}

/** `count` random bytes; Web Crypto, since loading node:crypto costs the native build ~5 ms of CPU per call. */
function randomBytes(count: number): Buffer {
  return Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(count)));
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

/** What {@link setupHostLinks} creates. */
export interface VethPlan {
  readonly hostName: string;
  readonly ifname: string;
  readonly netns: string;
}

/** The bridge (with its addresses) and the host veth, as they are after set-up. */
export interface HostLinks {
  readonly bridge: IpLink;
  readonly host: IpLink;
}

function bridgeCommands(config: BridgeConfig, existing: IpLink | undefined): string[][] {
  const name = config.bridge;
  const mtu = config.mtu > 0 ? ['mtu', String(config.mtu)] : [];
  const commands: string[][] = [];
  // A fixed address: otherwise the bridge takes its lowest port's MAC, which changes as containers come and
  // go and would make CHECK of earlier attachments fail on the bridge MAC.
  if (!existing)
    commands.push(['link', 'add', 'name', name, 'address', randomLocalMac(), ...mtu, 'type', 'bridge']);
  commands.push(['link', 'set', 'dev', name, 'up']);
  if (config.promiscMode) commands.push(['link', 'set', 'dev', name, 'promisc', 'on']);
  if (usesVlans(config)) commands.push(['link', 'set', 'dev', name, 'type', 'bridge', 'vlan_filtering', '1']);
  return commands;
}

function vethCommands(config: BridgeConfig, plan: VethPlan): string[][] {
  const mtu = config.mtu > 0 ? ['mtu', String(config.mtu)] : [];
  const mac = config.mac ? ['address', config.mac] : [];
  const commands = [
    [
      'link',
      'add',
      'name',
      plan.hostName,
      ...mtu,
      'type',
      'veth',
      'peer',
      'name',
      plan.ifname,
      ...mac,
      ...mtu,
      'netns',
      plan.netns,
    ],
    ['link', 'set', 'dev', plan.hostName, 'master', config.bridge],
    ['link', 'set', 'dev', plan.hostName, 'up'],
  ];
  const port = ['link', 'set', 'dev', plan.hostName, 'type', 'bridge_slave'];
  if (config.hairpinMode) commands.push([...port, 'hairpin', 'on']);
  if (config.portIsolation) commands.push([...port, 'isolated', 'on']);
  return commands;
}

function explainFailure(error: unknown, plan: VethPlan, config: BridgeConfig): PluginError {
  const message = error instanceof Error ? error.message : String(error);
  // Kernels built without CONFIG_BRIDGE_VLAN_FILTERING refuse vlan_filtering with EOPNOTSUPP.
  if (usesVlans(config) && /Operation not supported/.test(message)) {
    return new PluginError(
      PLUGIN_ERROR_CODES.INTERNAL,
      `failed to create bridge "${config.bridge}": VLAN filtering is not supported by this kernel`,
      message,
    );
  }
  if (/File exists/.test(message)) {
    return new PluginError(
      PLUGIN_ERROR_CODES.INTERNAL,
      `container veth name ("${plan.ifname}") peer provided ("${plan.hostName}") already exists`,
    );
  }
  return error instanceof PluginError ? error : new PluginError(PLUGIN_ERROR_CODES.INTERNAL, message);
}

async function runHostBatch(
  config: BridgeConfig,
  plan: VethPlan,
  existing: IpLink | undefined,
): Promise<HostLinks> {
  const commands = [
    ...bridgeCommands(config, existing),
    ...vethCommands(config, plan),
    ['addr', 'show', 'dev', config.bridge],
    ['link', 'show', 'dev', plan.hostName],
  ];
  const [bridge, host] = (await ipBatch({}, commands)) as IpLink[];
  if (!bridge || !host)
    throw new PluginError(PLUGIN_ERROR_CODES.INTERNAL, 'bridge or veth vanished after creation');
  return { bridge, host };
}

/**
 * Creates the bridge when missing (retrying once when a concurrent ADD created it first), then the veth
 * pair and port settings. Fails when CNI_IFNAME already exists in the container (P-ADD-3).
 */
export async function setupHostLinks(config: BridgeConfig, plan: VethPlan): Promise<HostLinks> {
  for (let attempt = 0; ; attempt += 1) {
    const existing = await showLink({}, config.bridge);
    if (existing && existing.linkinfo?.info_kind !== 'bridge') {
      throw new PluginError(
        PLUGIN_ERROR_CODES.INTERNAL,
        `failed to create bridge "${config.bridge}": "${config.bridge}" already exists but is not a bridge`,
      );
    }
    try {
      const links = await runHostBatch(config, plan, existing);
      // Upstream sets accept_ra=0 on the bridge so router advertisements cannot add host routes.
      writeSysctl(`/proc/sys/net/ipv6/conf/${config.bridge}/accept_ra`, '0');
      return links;
    } catch (error) {
      const lostRace = !existing && attempt === 0 && (await showLink({}, config.bridge)) !== undefined;
      if (!lostRace) throw explainFailure(error, plan, config);
      await deleteHostLink(plan.hostName);
    }
  }
}

/** Deletes a host link, ignoring one that is already gone. */
export async function deleteHostLink(name: string): Promise<void> {
  await runCommand(['ip', 'link', 'del', 'dev', name]);
}
