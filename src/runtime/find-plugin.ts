/**
 * Plugin lookup on CNI_PATH (R-ENV-7, libcni's FindInPath): the first directory holding a regular file named
 * exactly `type` wins; a `type` containing a path separator is refused rather than resolved.
 */
import { join } from 'node:path';
import { nodeFileSystem, type RuntimeFileSystem } from './file-system.ts';

/** Where a plugin was found, or why it was not. */
export type PluginLookup = { ok: true; path: string } | { ok: false; reason: string };

/** Finds `type` in the CNI_PATH directories, in order. */
export async function findPlugin(
  type: string,
  cniPath: readonly string[],
  fs: RuntimeFileSystem = nodeFileSystem,
): Promise<PluginLookup> {
  if (type === '') return { ok: false, reason: 'no plugin name provided' };
  if (type.includes('/') || type.includes('\\')) return { ok: false, reason: `invalid plugin name: ${type}` };
  if (cniPath.length === 0) return { ok: false, reason: 'no paths provided' };
  for (const dir of cniPath) {
    const path = join(dir, type);
    if (await fs.isRegularFile(path)) return { ok: true, path };
  }
  return { ok: false, reason: `failed to find plugin "${type}" in path [${cniPath.join(' ')}]` };
}

/** Splits a CNI_PATH value (':'-separated on Linux), dropping empty entries. */
export function parseCniPath(raw: string | undefined): string[] {
  return (raw ?? '').split(':').filter((dir) => dir !== '');
}
