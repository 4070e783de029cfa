/**
 * bridge's configuration (upstream bridge's keys), validated up front so a bad value fails with code 7
 * naming the key and value before anything touches the kernel.
 */
import { existsSync } from 'node:fs';
import type { Dns } from '../../../spec/common.ts';
import { validateInterfaceName } from '../../../spec/identifiers.ts';
import { parseCniArgs } from '../../skel/cni-args.ts';
import { invalidConfig } from '../../skel/errors.ts';
import type { PluginRequest } from '../../skel/request.ts';

/** One trunk entry, as an inclusive id range. */
export interface TrunkRange {
  readonly min: number;
  readonly max: number;
}

/** bridge's resolved configuration. */
export interface BridgeConfig {
  readonly bridge: string;
  readonly isGateway: boolean;
  readonly isDefaultGateway: boolean;
  readonly forceAddress: boolean;
  readonly ipMasq: boolean;
  readonly ipMasqBackend: 'iptables' | 'nftables';
  readonly mtu: number;
  readonly hairpinMode: boolean;
  readonly promiscMode: boolean;
  readonly vlan: number;
  readonly vlanTrunk: readonly TrunkRange[];
  /** Keep the bridge's default VLAN 1 on VLAN ports (upstream default: true). */
  readonly preserveDefaultVlan: boolean;
  readonly macspoofchk: boolean;
  /** `enabledad`: IPv6 DAD on the container interface (upstream default: false, accept_dad=0). */
  readonly enableDad: boolean;
  /** The host port may talk only to non-isolated ports (bridge_slave isolated). */
  readonly portIsolation: boolean;
  /** L2-only: leave the container interface down. */
  readonly disableContainerInterface: boolean;
  /** The IPAM plugin type; undefined for L2-only mode. */
  readonly ipamType: string | undefined;
  readonly dns: Dns | undefined;
  /** The container MAC: runtimeConfig.mac > args.cni.mac > CNI_ARGS MAC (P-CAP-4). */
  readonly mac: string | undefined;
}

type Json = Record<string, unknown>;

function asObject(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

function readBoolean(config: Json, key: string, fallback = false): boolean {
  const value = config[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'boolean') throw invalidConfig(`${key} must be a boolean`, JSON.stringify(value));
  return value;
}

function readInteger(config: Json, key: string, min: number, max: number): number {
  const value = config[key] ?? 0;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalidConfig(`invalid ${key} ${JSON.stringify(value)} (must be between ${min} and ${max})`);
  }
  return value;
}

const isVlanId = (id: unknown): id is number =>
  typeof id === 'number' && Number.isInteger(id) && id >= 1 && id <= 4094;

/** One vlanTrunk entry, checked as upstream checks it: minID and maxID together, and/or a single id. */
function readTrunkEntry(item: unknown): TrunkRange[] {
  const entry = asObject(item) ?? {};
  const ranges: TrunkRange[] = [];
  const hasMin = entry.minID !== undefined && entry.minID !== null;
  const hasMax = entry.maxID !== undefined && entry.maxID !== null;
  if (hasMin !== hasMax) {
    const missing = hasMin ? 'maxID' : 'minID';
    throw invalidConfig(`minID and maxID should be configured simultaneously, ${missing} is missing`);
  }
  if (hasMin) {
    if (!isVlanId(entry.minID)) throw invalidConfig('incorrect trunk minID parameter', JSON.stringify(item));
    if (!isVlanId(entry.maxID)) throw invalidConfig('incorrect trunk maxID parameter', JSON.stringify(item));
    if (entry.minID > entry.maxID)
      throw invalidConfig('minID is greater than maxID in trunk parameter', JSON.stringify(item));
    ranges.push({ min: entry.minID, max: entry.maxID });
  }
  if (entry.id !== undefined && entry.id !== null) {
    if (!isVlanId(entry.id)) throw invalidConfig('incorrect trunk id parameter', JSON.stringify(item));
    ranges.push({ min: entry.id, max: entry.id });
  }
  return ranges;
}

function readTrunk(raw: unknown): TrunkRange[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw invalidConfig('vlanTrunk must be an array');
  return raw.flatMap(readTrunkEntry);
}

const MAC_PATTERN = /^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}$/;

function readMac(request: PluginRequest): string | undefined {
  const fromRuntime = asObject(request.config.runtimeConfig)?.mac;
  const fromArgs = asObject(asObject(request.config.args)?.cni)?.mac;
  const fromEnv = parseCniArgs(request.env.args).get('MAC');
  const mac = [fromRuntime, fromArgs, fromEnv].find((value) => typeof value === 'string' && value !== '');
  if (mac === undefined) return undefined;
  if (!MAC_PATTERN.test(mac as string)) throw invalidConfig('invalid MAC address', String(mac));
  return (mac as string).toLowerCase();
}

function readBackend(config: Json): 'iptables' | 'nftables' {
  const raw = config.ipMasqBackend;
  if (raw === 'iptables' || raw === 'nftables') return raw;
  if (raw !== undefined && raw !== null && raw !== '')
    throw invalidConfig('invalid ipMasqBackend', String(raw));
  return existsSync('/usr/sbin/iptables') || existsSync('/sbin/iptables') ? 'iptables' : 'nftables';
}

function readObject(config: Json, key: string): Json | undefined {
  const value = config[key];
  if (value === undefined || value === null) return undefined;
  const object = asObject(value);
  if (!object) throw invalidConfig(`${key} must be an object`, JSON.stringify(value));
  return object;
}

function readIpamType(config: Json): string | undefined {
  const type = readObject(config, 'ipam')?.type;
  if (type === undefined || type === '') return undefined;
  if (typeof type !== 'string') throw invalidConfig('ipam.type must be a string', JSON.stringify(type));
  return type;
}

/** `vlan`, `vlanTrunk` (exclusive: a port is an access port or a trunk) and `preserveDefaultVlan`. */
function readVlans(config: Json): Pick<BridgeConfig, 'vlan' | 'vlanTrunk' | 'preserveDefaultVlan'> {
  const vlan = readInteger(config, 'vlan', 0, 4094);
  const vlanTrunk = readTrunk(config.vlanTrunk);
  if (vlan !== 0 && vlanTrunk.length > 0)
    throw invalidConfig('cannot set vlan and vlanTrunk at the same time');
  // Upstream defaults preserveDefaultVlan to true "to maintain existing behavior".
  return { vlan, vlanTrunk, preserveDefaultVlan: readBoolean(config, 'preserveDefaultVlan', true) };
}

/** True when ports need bridge VLAN filtering (`vlan` or `vlanTrunk` set). */
export function usesVlans(config: Pick<BridgeConfig, 'vlan' | 'vlanTrunk'>): boolean {
  return config.vlan !== 0 || config.vlanTrunk.length > 0;
}

/** Reads and validates the request's bridge keys. */
export function parseBridgeConfig(request: PluginRequest): BridgeConfig {
  const config = request.config as Json;
  const bridge = config.bridge === undefined ? 'cni0' : config.bridge;
  if (typeof bridge !== 'string' || validateInterfaceName(bridge))
    throw invalidConfig('invalid bridge name', String(bridge));
  const isDefaultGateway = readBoolean(config, 'isDefaultGateway');
  const hairpinMode = readBoolean(config, 'hairpinMode');
  const promiscMode = readBoolean(config, 'promiscMode');
  if (hairpinMode && promiscMode) {
    throw invalidConfig('cannot set hairpin mode and promiscuous mode at the same time');
  }
  const disableContainerInterface = readBoolean(config, 'disableContainerInterface');
  if (disableContainerInterface && readIpamType(config)) {
    throw invalidConfig('cannot use IPAM when DisableContainerInterface flag is set');
  }
  return {
    bridge,
    isGateway: readBoolean(config, 'isGateway') || isDefaultGateway,
    isDefaultGateway,
    forceAddress: readBoolean(config, 'forceAddress'),
    ipMasq: readBoolean(config, 'ipMasq'),
    ipMasqBackend: readBackend(config),
    mtu: readInteger(config, 'mtu', 0, 65535),
    hairpinMode,
    promiscMode,
    ...readVlans(config),
    macspoofchk: readBoolean(config, 'macspoofchk'),
    enableDad: readBoolean(config, 'enabledad'),
    portIsolation: readBoolean(config, 'portIsolation'),
    disableContainerInterface,
    ipamType: readIpamType(config),
    dns: readObject(config, 'dns') as Dns | undefined,
    mac: readMac(request),
  };
}
