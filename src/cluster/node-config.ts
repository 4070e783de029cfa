/**
 * Each node's network config: the cluster config with the node's pod CIDR written into host-local, as a
 * node agent (flannel's CNI plugin, kubenet) fills in the podCIDR kube-controller-manager allocated.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { normalizeConflist, readJson } from '../config-file.ts';
import { HarnessError } from '../errors.ts';
import type { JsonObject } from '../runtime/index.ts';
import { type ClusterMode, podMtu } from './plan.ts';

/** The cluster's config before any node's CIDR is filled in. */
export interface ClusterConfig {
  readonly conflist: JsonObject & { readonly name: string; readonly plugins: readonly JsonObject[] };
  readonly source: string;
  /** True for the built-in default: the harness also sets the mode's pod MTU, as flannel's CNI plugin does. */
  readonly builtIn: boolean;
}

/** `--config FILE`, or fixtures/cluster/defaults/<type>.conflist. */
export function loadClusterConfig(root: string, pluginType: string, file: string | undefined): ClusterConfig {
  if (file !== undefined) {
    return { conflist: normalizeConflist(readJson(file), file), source: file, builtIn: false };
  }
  const builtIn = join(root, 'fixtures/cluster/defaults', `${pluginType}.conflist`);
  if (!existsSync(builtIn)) {
    throw new HarnessError(
      'CNI_CONFORMANCE_CONFIG_MISSING_PLUGIN',
      `no built-in cluster config for plugin type "${pluginType}" (built-in: bridge, ptp)`,
      { fix: 'pass --config FILE (host-local without ranges gets each node its pod CIDR)' },
    );
  }
  const source = `built-in cluster default for ${pluginType}`;
  return { conflist: normalizeConflist(readJson(builtIn), source), source, builtIn: true };
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * host-local without `ranges` or `subnet` gets the node's pod CIDR. A config naming its own subnet keeps it,
 * as a static conflist copied to every node would (that is how pod CIDRs end up overlapping).
 */
function withPodCidr(plugin: JsonObject, podCidr: string): JsonObject {
  const ipam = plugin.ipam;
  if (!isObject(ipam) || ipam.type !== 'host-local') return plugin;
  if (ipam.ranges !== undefined || ipam.subnet !== undefined) return plugin;
  return { ...plugin, ipam: { ...ipam, ranges: [[{ subnet: podCidr }]] } };
}

/** The node's conflist bytes. */
export function nodeConfig(config: ClusterConfig, podCidr: string, mode: ClusterMode): string {
  const plugins = config.conflist.plugins.map((plugin, index) => {
    const filled = withPodCidr(plugin, podCidr);
    return config.builtIn && index === 0 ? { ...filled, mtu: podMtu(mode) } : filled;
  });
  return JSON.stringify({ ...config.conflist, plugins });
}
