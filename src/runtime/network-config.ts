/**
 * The synchronous parsers of network configurations, on the spec's zod models (for callers that parse in
 * memory: buildNetworkList, the cluster's nodes, tests). The runtime's own loader uses the zod-free ones of
 * network-list.ts, which give the same results; the types and helpers live there too.
 */
import { formatParseIssues, type ParseResult } from '../errors.ts';
import { parsePluginConfig, parseNetworkConfigList as parseSpecConfigList } from '../spec/parse.ts';
import {
  buildNetworkPlugin,
  invalidConfig,
  type NetworkConfigList,
  type NetworkPlugin,
  networkListFromSpec,
} from './network-list.ts';

export type { JsonObject, NetworkConfigList, NetworkPlugin } from './network-list.ts';
export { buildListFromPluginConf, buildNetworkPlugin } from './network-list.ts';

/** Parses a plugin object (aggregated `.conf`): an object with a valid `type`. */
export function parseNetworkPlugin(text: string, file?: string): ParseResult<NetworkPlugin> {
  const parsed = parsePluginConfig(text);
  return parsed.ok ? { ok: true, value: buildNetworkPlugin(parsed.value, file) } : parsed;
}

/** Parses conflist text with the spec model; aggregated sibling plugins are added by the loader. */
export function parseNetworkConfigList(bytes: string, file?: string): ParseResult<NetworkConfigList> {
  const parsed = parseSpecConfigList(bytes);
  return parsed.ok ? networkListFromSpec(parsed.value, bytes, file) : parsed;
}

/** Builds a list from an in-memory conflist object (no sibling aggregation); throws a HarnessError when invalid. */
export function buildNetworkList(raw: Readonly<Record<string, unknown>>): NetworkConfigList {
  const parsed = parseNetworkConfigList(JSON.stringify(raw));
  if (!parsed.ok) throw invalidConfig('(in memory)', formatParseIssues(parsed.issues));
  return parsed.value;
}
