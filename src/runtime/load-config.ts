/**
 * Loads a network by name from a conf dir with libcni's rules (R-CFG-4, R-CFG-5): `.conflist` files sorted by
 * name, the first whose `name` matches wins; plugins from `<confdir>/<network>/*.conf` are appended unless
 * `loadOnlyInlinedPlugins`; failing that, a legacy `.conf`/`.json` single-plugin file is up-converted.
 * Like libcni, a broken file met on the way is an error, even if a later file would have matched. Free of zod
 * (network-list.ts): `exec` loads this before every plugin call.
 */
import { extname, join } from 'node:path';
import { formatParseIssues, HarnessError } from '../errors.ts';
import { nodeFileSystem, type RuntimeFileSystem } from './file-system.ts';
import {
  buildListFromPluginConf,
  invalidConfig as invalid,
  type NetworkConfigList,
  type NetworkPlugin,
  parseLegacyConfText,
  parseNetworkListText,
  parseNetworkPluginText,
} from './network-list.ts';

async function filesWithExtensions(fs: RuntimeFileSystem, dir: string, extensions: readonly string[]) {
  const names = (await fs.listFiles(dir)) ?? [];
  return names.filter((name) => extensions.includes(extname(name))).map((name) => join(dir, name));
}

/** Reads `<confDir>/<network>/*.conf`, each a plugin object that needs a `type`. */
export async function loadAggregatedPlugins(
  confDir: string,
  network: string,
  fs: RuntimeFileSystem = nodeFileSystem,
): Promise<NetworkPlugin[]> {
  const plugins: NetworkPlugin[] = [];
  for (const file of await filesWithExtensions(fs, join(confDir, network), ['.conf'])) {
    const plugin = await parseNetworkPluginText(await fs.readFile(file), file);
    if (!plugin.ok) throw invalid(file, formatParseIssues(plugin.issues));
    plugins.push(plugin.value);
  }
  return plugins;
}

/** Parses one `.conflist` file and appends its aggregated plugins (libcni's NetworkConfFromFile). */
export async function loadNetworkListFile(
  file: string,
  fs: RuntimeFileSystem = nodeFileSystem,
): Promise<NetworkConfigList> {
  const parsed = await parseNetworkListText(await fs.readFile(file), file);
  if (!parsed.ok) throw invalid(file, formatParseIssues(parsed.issues));
  const list = parsed.value;
  const aggregated = list.loadOnlyInlinedPlugins
    ? []
    : await loadAggregatedPlugins(join(file, '..'), list.name, fs);
  const plugins = [...list.plugins, ...aggregated];
  if (plugins.length === 0) throw invalid(file, 'no plugin configs found');
  return { ...list, plugins };
}

async function loadLegacyConf(
  confDir: string,
  network: string,
  fs: RuntimeFileSystem,
): Promise<NetworkConfigList | undefined> {
  for (const file of await filesWithExtensions(fs, confDir, ['.conf', '.json'])) {
    const conf = await parseLegacyConfText(await fs.readFile(file));
    if (!conf.ok) throw invalid(file, formatParseIssues(conf.issues));
    if (conf.value.name !== network) continue;
    const parsed = await parseNetworkListText(buildListFromPluginConf(conf.value), file);
    if (!parsed.ok) throw invalid(file, formatParseIssues(parsed.issues));
    return parsed.value;
  }
  return undefined;
}

/** Loads the network `network` from `confDir`; throws a HarnessError when it is missing or broken. */
export async function loadNetworkList(
  confDir: string,
  network: string,
  fs: RuntimeFileSystem = nodeFileSystem,
): Promise<NetworkConfigList> {
  for (const file of await filesWithExtensions(fs, confDir, ['.conflist'])) {
    const list = await loadNetworkListFile(file, fs);
    if (list.name === network) return list;
  }
  const legacy = await loadLegacyConf(confDir, network, fs);
  if (legacy) return legacy;
  throw new HarnessError(
    'CNI_CONFORMANCE_FILE_NOT_FOUND',
    `no net configuration with name "${network}" in ${confDir}`,
    { fix: 'check the network name, or set NETCONFPATH to the directory holding its .conflist' },
  );
}
