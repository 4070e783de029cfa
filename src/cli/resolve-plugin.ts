/** Finds and vets the plugin binary: exists, is a regular file, is executable. */
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { HarnessError } from '../errors.ts';
import type { PluginIdentity } from '../spec/known-bugs.ts';
import { identifyPlugin } from './plugin-identity.ts';
import { findNativeBuild } from './shipped-plugins.ts';

/** The upstream bridge, the fallback while the shipped reference bridge is not built. */
const UPSTREAM_BRIDGE = '/usr/lib/cni/bridge';

/** A vetted plugin. */
export interface ResolvedPlugin {
  readonly path: string;
  readonly type: string;
  /** sha256 and Debian package of the binary: what known upstream bugs are pinned to, never its directory. */
  readonly identity: PluginIdentity;
  /** Things the user should know ("dist/plugins/bridge is not built; using …"). */
  readonly notes: readonly string[];
}

function vet(path: string): void {
  if (!existsSync(path)) {
    throw new HarnessError('CNI_CONFORMANCE_FILE_NOT_FOUND', `plugin not found: ${path}`);
  }
  if (!statSync(path).isFile()) {
    throw new HarnessError('CNI_CONFORMANCE_PLUGIN_NOT_EXECUTABLE', `plugin is not a regular file: ${path}`);
  }
  try {
    accessSync(path, constants.X_OK);
  } catch {
    throw new HarnessError('CNI_CONFORMANCE_PLUGIN_NOT_EXECUTABLE', `plugin is not executable: ${path}`, {
      fix: `chmod +x ${path}`,
    });
  }
}

function describe(path: string, notes: readonly string[]): ResolvedPlugin {
  vet(path);
  return { path, type: basename(path), identity: identifyPlugin(path), notes };
}

/**
 * The plugin argument, or when absent the shipped reference bridge — its native build where this platform has
 * one (the fastest), else its Node bundle — falling back to the upstream bridge.
 */
export function resolvePlugin(raw: string | undefined, root: string): ResolvedPlugin {
  if (raw !== undefined) return describe(resolve(raw), []);
  const native = findNativeBuild(join(root, 'dist/native'));
  if (native?.plugins.includes('bridge')) {
    const path = join(native.dir, 'bridge');
    return describe(path, [
      `no plugin given: testing the shipped reference bridge, ${native.label}: ${path}`,
    ]);
  }
  const shipped = join(root, 'dist/plugins/bridge');
  if (existsSync(shipped))
    return describe(shipped, [
      `no plugin given: testing the shipped reference bridge, Node bundle (no native build for ${process.platform}-${process.arch}; \`npm run build:native\`): ${shipped}`,
    ]);
  if (existsSync(UPSTREAM_BRIDGE)) {
    return describe(UPSTREAM_BRIDGE, [
      `no plugin given and ${shipped} is not built: testing the upstream ${UPSTREAM_BRIDGE} instead`,
    ]);
  }
  throw new HarnessError('CNI_CONFORMANCE_USAGE', 'no plugin given and no reference bridge built', {
    fix: 'pass a plugin path, or run `npm run build` first',
  });
}
