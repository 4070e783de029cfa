/**
 * Set-up check before any suite runs: every `--cni-path` dir exists, and every other plugin the config names
 * (chained plugins, IPAM delegates) is on the CNI path. Either problem is the user's set-up, not the plugin's: one
 * line and exit 2, instead of P-ADD-1 failures.
 */
import { existsSync, statSync } from 'node:fs';
import { HarnessError } from '../errors.ts';
import { findPlugin } from '../runtime/find-plugin.ts';
import type { TargetConflist } from '../target.ts';

function isDirectory(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

/** `type` and `ipam.type` of every entry, with the entry that names it. */
function namedPlugins(conflist: TargetConflist): { type: string; namedBy: string }[] {
  return conflist.plugins.flatMap((entry, index) => {
    const own = typeof entry.type === 'string' ? entry.type : '';
    const ipam = entry.ipam as { readonly type?: unknown } | null | undefined;
    const ipamType = typeof ipam?.type === 'string' ? ipam.type : undefined;
    return [
      { type: own, namedBy: `plugins[${index}]` },
      ...(ipamType ? [{ type: ipamType, namedBy: `the ipam of plugins[${index}] "${own}"` }] : []),
    ];
  });
}

/** Throws a one-line HarnessError for a missing `--cni-path` dir or a plugin the config needs and the path lacks. */
export async function assertDelegatesFound(input: {
  readonly cniPathOption: readonly string[];
  readonly cniPath: readonly string[];
  readonly conflist: TargetConflist;
  readonly configSource: string;
  readonly pluginType: string;
}): Promise<void> {
  const missingDir = input.cniPathOption.find((dir) => !isDirectory(dir));
  if (missingDir) {
    throw new HarnessError('CNI_CONFORMANCE_FILE_NOT_FOUND', `--cni-path: no such directory ${missingDir}`, {
      fix: 'pass the directory holding the delegated plugins',
    });
  }
  for (const { type, namedBy } of namedPlugins(input.conflist)) {
    if (type === input.pluginType || type === '') continue;
    const found = await findPlugin(type, input.cniPath);
    if (found.ok) continue;
    throw new HarnessError(
      'CNI_CONFORMANCE_PLUGIN_NOT_FOUND',
      `plugin "${type}", ${namedBy} in ${input.configSource}, not found in ${input.cniPath.join(':')}`,
      { fix: `pass --cni-path DIR with a "${type}" binary in DIR` },
    );
  }
}
