import { type PluginOutcome, type TestNetns } from '../support.ts';
/** One test's world. */
export interface BridgeWorld {
  readonly host: TestNetns;
  readonly container: TestNetns;
  readonly dataDir: string;
  remove(): void;
}
/** Creates the namespaces and the data dir. */
export declare function createWorld(): BridgeWorld;
/** A bridge config with host-local over 10.70.0.0/24 (overridable). */
export declare function bridgeConfig(
  world: BridgeWorld,
  extra?: Record<string, unknown>,
): Record<string, unknown>;
/** Options of {@link bridge}. */
export interface BridgeCallOptions {
  readonly flavour?: 'ours' | 'upstream';
  /** CNI_PATH; defaults to our build dir, then upstream's. */
  readonly path?: string;
  readonly env?: Record<string, string>;
}
/** Calls a bridge plugin inside the world's host namespace. */
export declare function bridge(
  bin: string,
  world: BridgeWorld,
  command: string,
  config: object,
  options?: BridgeCallOptions,
): Promise<PluginOutcome>;
/** `ip -j <args>` inside a namespace, parsed. */
export declare function ipIn<T>(netns: TestNetns, args: readonly string[]): T[];
/** A link as `ip -j -d link show` prints it. */
export interface ShownLink {
  readonly ifname: string;
  readonly address: string;
  readonly mtu: number;
  readonly flags: string[];
  readonly master?: string;
  readonly linkinfo?: {
    info_kind?: string;
    info_slave_data?: {
      hairpin?: boolean;
    };
  };
  readonly addr_info?: {
    local: string;
    prefixlen: number;
  }[];
}
/** The config with prevResult set to an ADD's output, for CHECK and DEL. */
export declare function withPrev(
  config: Record<string, unknown>,
  add: PluginOutcome,
): Record<string, unknown>;
/** The iptables nat rules of the host namespace. */
export declare function natRules(world: BridgeWorld): string;
/** The nftables ruleset of the host namespace. */
export declare function nftRuleset(world: BridgeWorld): string;
/** True when this kernel supports bridge VLAN filtering (some CI kernels lack it). */
export declare function vlanFilteringSupported(): boolean;
/** What {@link useBridgeWorld} gives each test: the built plugins' dir and a fresh world. */
export interface BridgeRig {
  readonly bin: string;
  readonly world: BridgeWorld;
}
/** Registers the usual hooks: plugins built once per file, a new world per test, removed after it. */
export declare function useBridgeWorld(): BridgeRig;
