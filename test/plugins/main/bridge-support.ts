/**
 * Set-up for the bridge tests: every test gets its own "host" namespace (where bridge runs and creates
 * the bridge, veths and rules), its own container namespace and a private host-local data dir.
 */
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach } from 'vitest';
import {
  callPlugin,
  createNetns,
  type PluginBuild,
  type PluginOutcome,
  pluginsOf,
  scratchDir,
  sh,
  type TestNetns,
  UPSTREAM_DIR,
} from '../support.ts';

/** One test's world. */
export interface BridgeWorld {
  readonly host: TestNetns;
  readonly container: TestNetns;
  readonly dataDir: string;
  remove(): void;
}

/** Creates the namespaces and the data dir. */
export function createWorld(): BridgeWorld {
  const host = createNetns('brh');
  const container = createNetns('brc');
  const data = scratchDir('br-data');
  return {
    host,
    container,
    dataDir: data.path,
    remove: () => {
      container.remove();
      host.remove();
      data.remove();
    },
  };
}

/** A bridge config with host-local over 10.70.0.0/24 (overridable). */
export function bridgeConfig(
  world: BridgeWorld,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    cniVersion: '1.0.0',
    name: 'br-net',
    type: 'bridge',
    bridge: 'cnibr0',
    ipam: { type: 'host-local', dataDir: world.dataDir, ranges: [[{ subnet: '10.70.0.0/24' }]] },
    ...extra,
  };
}

/** Options of {@link bridge}. */
export interface BridgeCallOptions {
  readonly flavour?: 'ours' | 'upstream';
  /** CNI_PATH; defaults to our build dir, then upstream's. */
  readonly path?: string;
  readonly env?: Record<string, string>;
}

/** Calls a bridge plugin inside the world's host namespace. */
export function bridge(
  bin: string,
  world: BridgeWorld,
  command: string,
  config: object,
  options: BridgeCallOptions = {},
): Promise<PluginOutcome> {
  const plugin = options.flavour === 'upstream' ? join(UPSTREAM_DIR, 'bridge') : join(bin, 'bridge');
  return callPlugin({
    plugin,
    command,
    config,
    hostNetns: world.host,
    env: {
      CNI_CONTAINERID: 'c1',
      CNI_NETNS: world.container.path,
      CNI_IFNAME: 'eth0',
      CNI_PATH: options.path ?? `${bin}:${UPSTREAM_DIR}`,
      ...options.env,
    },
  });
}

/** `ip -j <args>` inside a namespace, parsed. */
export function ipIn<T>(netns: TestNetns, args: readonly string[]): T[] {
  return JSON.parse(sh(['ip', '-n', netns.name, '-j', ...args]) || '[]') as T[];
}

/** A link as `ip -j -d link show` prints it. */
export interface ShownLink {
  readonly ifname: string;
  readonly address: string;
  readonly mtu: number;
  readonly flags: string[];
  readonly master?: string;
  readonly linkinfo?: { info_kind?: string; info_slave_data?: { hairpin?: boolean } };
  readonly addr_info?: { local: string; prefixlen: number }[];
}

/** The config with prevResult set to an ADD's output, for CHECK and DEL. */
export function withPrev(config: Record<string, unknown>, add: PluginOutcome): Record<string, unknown> {
  return { ...config, prevResult: add.json };
}

/** The iptables nat rules of the host namespace. */
export function natRules(world: BridgeWorld): string {
  return sh(['ip', 'netns', 'exec', world.host.name, 'iptables-save', '-t', 'nat']);
}

/** The nftables ruleset of the host namespace. */
export function nftRuleset(world: BridgeWorld): string {
  return sh(['ip', 'netns', 'exec', world.host.name, 'nft', 'list', 'ruleset']);
}

/** True when this kernel supports bridge VLAN filtering (some CI kernels lack it). */
export function vlanFilteringSupported(): boolean {
  const probe = createNetns('vlan');
  try {
    sh(['ip', '-n', probe.name, 'link', 'add', 'probe0', 'type', 'bridge', 'vlan_filtering', '1']);
    return true;
  } catch {
    return false;
  } finally {
    probe.remove();
  }
}

/** What {@link useBridgeWorld} gives each test: the built plugins' dir and a fresh world. */
export interface BridgeRig {
  readonly bin: string;
  readonly world: BridgeWorld;
}

/**
 * Registers the usual hooks: plugins of `build` built once per file (or describe block), a new world per test,
 * removed after it.
 */
export function useBridgeWorld(build: PluginBuild = 'node'): BridgeRig {
  let bin: string | undefined;
  let world: BridgeWorld | undefined;
  beforeAll(async () => {
    bin = await pluginsOf(build);
  });
  beforeEach(() => {
    world = createWorld();
  });
  afterEach(() => world?.remove());
  return {
    get bin() {
      if (bin === undefined) throw new Error('useBridgeWorld: plugins are built in beforeAll');
      return bin;
    },
    get world() {
      if (world === undefined) throw new Error('useBridgeWorld: the world exists only inside a test');
      return world;
    },
  };
}
