/**
 * VLANs on bridge ports (bridge VLAN filtering), as upstream: an access port gets its VLAN as PVID,
 * untagged; a trunk port gets its ids tagged; the bridge's default VLAN 1 stays on the port unless
 * `preserveDefaultVlan` is false. With `vlan` and isGateway the gateway lives on a `<bridge>.<vlan>` veth
 * whose peer is an access port of that VLAN (upstream's ensureVlanInterface), not on the bridge.
 */
import { PLUGIN_ERROR_CODES, PluginError } from '../../skel/errors.ts';
import { runChecked } from '../../skel/exec.ts';
import { type IpLink, ipBatch } from '../../skel/ip.ts';
import { type BridgeConfig, usesVlans } from './config.ts';
import { deleteHostLink, newHostVethName, showLink } from './links.ts';

/** The VLAN settings of one port. */
export interface PortVlans {
  readonly vlan: number;
  readonly vlanTrunk: BridgeConfig['vlanTrunk'];
  readonly preserveDefaultVlan: boolean;
}

/** `bridge -batch` lines for the port; empty when it has no VLAN settings. */
export function portVlanLines(port: string, vlans: PortVlans): string[] {
  if (!usesVlans(vlans)) return [];
  const lines: string[] = [];
  if (!vlans.preserveDefaultVlan) lines.push(`vlan del dev ${port} vid 1`);
  if (vlans.vlan !== 0) lines.push(`vlan add dev ${port} vid ${vlans.vlan} pvid untagged`);
  for (const trunk of vlans.vlanTrunk) {
    const vid = trunk.min === trunk.max ? `${trunk.min}` : `${trunk.min}-${trunk.max}`;
    lines.push(`vlan add dev ${port} vid ${vid}`);
  }
  return lines;
}

/** Applies {@link portVlanLines} in one `bridge -batch` process. */
export async function configurePortVlans(port: string, vlans: PortVlans): Promise<void> {
  const lines = portVlanLines(port, vlans);
  if (lines.length > 0) await runChecked(['bridge', '-batch', '-'], { input: `${lines.join('\n')}\n` });
}

/** `<bridge>.<vlan>`, the name upstream gives the VLAN gateway interface. */
export function vlanGatewayName(bridge: string, vlan: number): string {
  const name = `${bridge}.${vlan}`;
  if (Buffer.byteLength(name) > 15) {
    throw new PluginError(
      PLUGIN_ERROR_CODES.INTERNAL,
      `failed to create vlan interface: name "${name}" is longer than 15 bytes`,
    );
  }
  return name;
}

/** The veth pair of the VLAN gateway: `<bridge>.<vlan>` stays unenslaved, its peer becomes a bridge port. */
export function vlanGatewayCommands(gateway: string, port: string, bridge: IpLink): string[][] {
  const mtu = ['mtu', String(bridge.mtu)];
  return [
    ['link', 'add', 'name', gateway, ...mtu, 'type', 'veth', 'peer', 'name', port, ...mtu],
    ['link', 'set', 'dev', port, 'master', bridge.ifname],
    ['link', 'set', 'dev', port, 'up'],
    ['link', 'set', 'dev', gateway, 'up'],
    ['addr', 'show', 'dev', gateway],
  ];
}

async function createVlanGateway(config: BridgeConfig, bridge: IpLink, gateway: string): Promise<IpLink> {
  const port = newHostVethName();
  try {
    const [link] = (await ipBatch({}, vlanGatewayCommands(gateway, port, bridge))) as IpLink[];
    const vlans = { vlan: config.vlan, vlanTrunk: [], preserveDefaultVlan: config.preserveDefaultVlan };
    await configurePortVlans(port, vlans);
    if (!link) throw new PluginError(PLUGIN_ERROR_CODES.INTERNAL, `${gateway} vanished after creation`);
    return link;
  } catch (error) {
    // A concurrent ADD may have made it first; otherwise leave no half-configured gateway behind.
    const existing = await showLink({}, gateway);
    if (existing && /File exists/.test(String(error))) return existing;
    await deleteHostLink(port);
    throw new PluginError(PLUGIN_ERROR_CODES.INTERNAL, `failed to create vlan interface: ${String(error)}`);
  }
}

/** The `<bridge>.<vlan>` gateway interface (with its addresses), created on first use and then kept. */
export async function ensureVlanGateway(config: BridgeConfig, bridge: IpLink): Promise<IpLink> {
  const gateway = vlanGatewayName(config.bridge, config.vlan);
  return (await showLink({}, gateway)) ?? createVlanGateway(config, bridge, gateway);
}
