/**
 * Finds the plugin under test in its configuration: `--config FILE` (a conflist or a single .conf), or the built-in
 * default for its type (fixtures/configs/defaults/<type>.conflist). The plugin is the entry whose `type` (or
 * `ipam.type`) equals the plugin file's name.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isObject, normalizeConflist, readJson } from '../config-file.ts';
import { HarnessError } from '../errors.ts';
import type { PluginRole, TargetConflist } from '../target.ts';

/** The config and where the plugin sits in it. */
export interface LocatedConfig {
  readonly conflist: TargetConflist;
  readonly pluginIndex: number;
  readonly role: PluginRole;
  readonly configSource: string;
}

/** Locates `pluginType` in the list; `role` overrides the inferred role. */
export function locatePlugin(
  conflist: TargetConflist,
  pluginType: string,
  configSource: string,
  role?: PluginRole,
): LocatedConfig {
  const asType = conflist.plugins.findIndex((entry) => entry.type === pluginType);
  if (asType >= 0) {
    return { conflist, pluginIndex: asType, role: role ?? (asType === 0 ? 'main' : 'meta'), configSource };
  }
  const asIpam = conflist.plugins.findIndex(
    (entry) => isObject(entry.ipam) && entry.ipam.type === pluginType,
  );
  if (asIpam >= 0) return { conflist, pluginIndex: asIpam, role: role ?? 'ipam', configSource };
  const types = conflist.plugins.map((entry) => String(entry.type)).join(', ');
  throw new HarnessError(
    'CNI_CONFORMANCE_CONFIG_MISSING_PLUGIN',
    `config ${configSource} does not name plugin "${pluginType}" (types: ${types})`,
    { fix: `add an entry with "type": "${pluginType}" or pass the matching plugin` },
  );
}

/** The built-in default config types. */
export function defaultConfigTypes(root: string): string[] {
  const dir = join(root, 'fixtures/configs/defaults');
  return existsSync(dir)
    ? readdirSync(dir).flatMap((f) => (f.endsWith('.conflist') ? [f.slice(0, -9)] : []))
    : [];
}

/** Known plugin types that have no built-in config because a config alone cannot make them work here. */
const WITHOUT_BUILT_IN: Readonly<Record<string, { readonly why: string; readonly fix: string }>> = {
  dhcp: {
    why:
      'no built-in config for plugin type "dhcp": the dhcp IPAM needs a DHCP server on the container\'s network ' +
      'and its own daemon (`dhcp daemon`) beside it, which the sandboxes do not start',
    fix: 'not supported yet (README, "Use in CI": built-in configs)',
  },
};

/** Loads `--config FILE`, or the built-in default for the plugin type. */
export function loadTargetConfig(options: {
  readonly root: string;
  readonly pluginType: string;
  readonly configFile: string | undefined;
  readonly role: PluginRole | undefined;
}): LocatedConfig {
  if (options.configFile !== undefined) {
    const conflist = normalizeConflist(readJson(options.configFile), options.configFile);
    return locatePlugin(conflist, options.pluginType, options.configFile, options.role);
  }
  const file = join(options.root, 'fixtures/configs/defaults', `${options.pluginType}.conflist`);
  const untestable = WITHOUT_BUILT_IN[options.pluginType];
  if (!existsSync(file) && untestable) {
    throw new HarnessError('CNI_CONFORMANCE_CONFIG_MISSING_PLUGIN', untestable.why, { fix: untestable.fix });
  }
  if (!existsSync(file)) {
    throw new HarnessError(
      'CNI_CONFORMANCE_CONFIG_MISSING_PLUGIN',
      `no built-in config for plugin type "${options.pluginType}" (built-in: ${defaultConfigTypes(options.root).join(', ')})`,
      { fix: 'pass --config FILE' },
    );
  }
  const source = `built-in default for ${options.pluginType}`;
  return locatePlugin(normalizeConflist(readJson(file), source), options.pluginType, source, options.role);
}
