/**
 * bridge ADD: IPAM delegation runs while the host links are made (the delegate's start-up overlaps our
 * `ip` work), then container sysctls and addressing, then — side by side — gateway addresses with the
 * wait for the port to be oper-UP, masquerade and MAC spoof check. Every step registers its undo; a
 * failure runs them in reverse (P-DLG-5: IPAM DEL and veth removal).
 */

import type { V100IpConfig, V100Route } from '../../../spec/v100/result.ts';
import { familyOf, isCniVersion } from '../../../spec/versions.ts';
import { invokeDelegate } from '../../skel/delegate.ts';
import { PLUGIN_ERROR_CODES, PluginError } from '../../skel/errors.ts';
import { type IpLink, ipBatch } from '../../skel/ip.ts';
import { requireNetns } from '../../skel/netns.ts';
import type { PluginRequest } from '../../skel/request.ts';
import { type PluginResult, parsePrevResult } from '../../skel/result.ts';
import type { AddOutput } from '../../skel/run.ts';
import { applyGatewayPolicy, enableForwarding, type GatewayHolder, gatewayCommands } from './addresses.ts';
import { type BridgeConfig, parseBridgeConfig } from './config.ts';
import { configureContainer } from './container.ts';
import { deleteHostLink, type HostLinks, newHostVethName, setupHostLinks } from './links.ts';
import { setupSpoofCheck, teardownSpoofCheck } from './macspoofchk.ts';
import { setupMasquerade, teardownMasquerade } from './masquerade.ts';
import { waitForPortUp } from './port.ts';
import { configurePortVlans, ensureVlanGateway } from './vlan.ts';

/** The container interface's index in bridge results: [bridge, host veth, container]. */
export const CONTAINER_INTERFACE_INDEX = 2;

type Undo = () => Promise<unknown>;

interface Layer3 {
  ips: V100IpConfig[];
  routes: V100Route[];
  dns: PluginResult['dns'];
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value) => ({ ok: true, value }),
    (error: unknown) => ({ ok: false, error }),
  );
}

/** Starts IPAM ADD; its undo (IPAM DEL) is registered at once and runs only if the ADD succeeded. */
function startIpam(config: BridgeConfig, request: PluginRequest, undo: Undo[]): Promise<Settled<unknown>> {
  const ipamType = config.ipamType;
  if (!ipamType) return Promise.resolve({ ok: true, value: undefined });
  const task = settle(invokeDelegate(ipamType, 'ADD', request));
  undo.push(async () => {
    if ((await task).ok) await invokeDelegate(ipamType, 'DEL', request);
  });
  return task;
}

function layer3Of(config: BridgeConfig, settled: Settled<unknown>): Layer3 {
  if (!settled.ok) throw settled.error;
  if (!config.ipamType) return { ips: [], routes: [], dns: undefined };
  const ipam = parsePrevResult(settled.value);
  if (!ipam?.ips || ipam.ips.length === 0) {
    throw new PluginError(PLUGIN_ERROR_CODES.INTERNAL, 'IPAM plugin returned missing IP config');
  }
  const ips = ipam.ips.map((ip) => ({ ...ip, interface: CONTAINER_INTERFACE_INDEX }));
  const routes = [...(ipam.routes ?? [])];
  applyGatewayPolicy(config, ips, routes);
  return { ips, routes, dns: ipam.dns };
}

/** 0.1.0/0.2.0 results need an address: refuse L2-only there before touching anything (P-RES-3). */
function refuseUnrepresentable(config: BridgeConfig, cniVersion: string): void {
  if (!config.ipamType && isCniVersion(cniVersion) && familyOf(cniVersion) === 'v020') {
    throw new PluginError(
      PLUGIN_ERROR_CODES.INCOMPATIBLE_VERSION,
      'cannot convert: no valid IP addresses',
      `L2-only mode has no result at cniVersion ${cniVersion}`,
    );
  }
}

/** What the host side ends with: the port once oper-UP, and the VLAN gateway interface if one was used. */
interface HostSide {
  readonly port: IpLink;
  readonly vlanGateway?: IpLink;
}

/**
 * Gateway addresses (on the bridge, or on `<bridge>.<vlan>` when `vlan` is set) and the first look at the
 * port, in one `ip` process; then forwarding, and the wait for the port to be oper-UP.
 */
async function finishHostSide(
  config: BridgeConfig,
  links: HostLinks,
  ips: readonly V100IpConfig[],
): Promise<HostSide> {
  const portName = links.host.ifname;
  const gatewayed = config.isGateway && ips.some((ip) => ip.gateway !== undefined);
  let holder: GatewayHolder = { link: links.bridge, errorPrefix: 'failed to set bridge addr' };
  let vlanGateway: IpLink | undefined;
  if (gatewayed && config.vlan !== 0) {
    vlanGateway = await ensureVlanGateway(config, links.bridge);
    holder = { link: vlanGateway, errorPrefix: 'failed to set vlan interface for bridge with addr' };
  }
  const commands = gatewayed ? gatewayCommands(holder, ips, config.forceAddress) : [];
  const shown = (await ipBatch({}, [...commands, ['link', 'show', 'dev', portName]])) as IpLink[];
  if (gatewayed) enableForwarding(ips);
  const seen = shown.at(-1);
  // A port whose container end is kept down can never come up: upstream skips the wait for it too.
  if (config.disableContainerInterface && seen) return { port: seen, vlanGateway };
  return { port: await waitForPortUp(portName, seen), vlanGateway };
}

/** Runs independent steps side by side; every one finishes before the first failure is thrown. */
async function allSteps(steps: readonly (Promise<unknown> | undefined)[]): Promise<void> {
  const failed = (await Promise.allSettled(steps)).find((outcome) => outcome.status === 'rejected');
  if (failed) throw failed.reason;
}

async function runSteps(config: BridgeConfig, request: PluginRequest, undo: Undo[]): Promise<PluginResult> {
  const { netns, ifname, containerId } = request.env;
  const owner = { network: request.name, containerId, ifname };
  const hostName = newHostVethName();
  const ipam = startIpam(config, request, undo);
  undo.push(() => deleteHostLink(hostName));
  const links = await setupHostLinks(config, { hostName, ifname, netns });
  await configurePortVlans(hostName, config);
  const layer3 = layer3Of(config, await ipam);
  const container = await configureContainer({
    netns,
    ifname,
    ...layer3,
    enableDad: config.enableDad,
    keepDown: config.disableContainerInterface,
  });
  const masquerade = config.ipMasq && layer3.ips.length > 0;
  if (masquerade) undo.push(() => teardownMasquerade(owner));
  const spoofCheck = config.macspoofchk && container.address !== undefined;
  if (spoofCheck) undo.push(() => teardownSpoofCheck(owner));
  const hostSide = finishHostSide(config, links, layer3.ips);
  await allSteps([
    hostSide,
    masquerade ? setupMasquerade(config.ipMasqBackend, owner, layer3.ips) : undefined,
    spoofCheck ? setupSpoofCheck(owner, hostName, container.address ?? '') : undefined,
  ]);
  const { port, vlanGateway } = await hostSide;
  return {
    interfaces: [
      { name: config.bridge, mac: links.bridge.address },
      { name: hostName, mac: port.address },
      { name: ifname, mac: container.address, sandbox: netns },
      ...(vlanGateway ? [{ name: vlanGateway.ifname, mac: vlanGateway.address }] : []),
    ],
    ips: layer3.ips,
    routes: layer3.routes,
    dns: config.dns ?? layer3.dns,
  };
}

/**
 * A chained bridge keeps what earlier plugins reported (P-CHAIN-2; upstream drops it): their interfaces
 * first, ours after, our address indexes shifted to match.
 */
function mergePrevResult(prevRaw: unknown, ours: PluginResult): PluginResult {
  const prev = parsePrevResult(prevRaw);
  if (!prev) return ours;
  const shift = prev.interfaces?.length ?? 0;
  return {
    interfaces: [...(prev.interfaces ?? []), ...(ours.interfaces ?? [])],
    ips: [
      ...(prev.ips ?? []),
      ...(ours.ips ?? []).map((ip) => ({ ...ip, interface: (ip.interface ?? 0) + shift })),
    ],
    routes: [...(prev.routes ?? []), ...(ours.routes ?? [])],
    dns: ours.dns ?? prev.dns,
  };
}

/** ADD. */
export async function addBridge(request: PluginRequest): Promise<AddOutput> {
  requireNetns(request.env.netns);
  const config = parseBridgeConfig(request);
  refuseUnrepresentable(config, request.cniVersion);
  const undo: Undo[] = [];
  try {
    return { result: mergePrevResult(request.config.prevResult, await runSteps(config, request, undo)) };
  } catch (error) {
    for (const step of undo.reverse()) {
      await step().catch((cleanupError: unknown) => {
        process.stderr.write(`bridge: rollback step failed: ${String(cleanupError)}\n`);
      });
    }
    throw error;
  }
}
