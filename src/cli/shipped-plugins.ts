/**
 * The two builds of the shipped reference plugins: the native build (dist/native: one executable, cni-plugins,
 * linked under each plugin name; scripts/build-native.mjs) where this platform has one, and the Node bundles
 * (dist/plugins), the portable fallback. Both are compiled from the same sources; the native one starts ~5×
 * faster, so whatever picks a build for the user picks it first.
 */
import { accessSync, constants, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The native build's manifest, dist/native/build.json. */
interface NativeManifest {
  readonly platform: string;
  readonly arch: string;
  readonly bun: string;
  readonly executable: string;
  readonly plugins: readonly string[];
}

/** A native build that runs on this machine. */
export interface NativeBuild {
  readonly dir: string;
  /** The multi-call executable every plugin name links to. */
  readonly executable: string;
  readonly plugins: readonly string[];
  /** "native build (Bun 1.4.5, linux-x64)". */
  readonly label: string;
}

/** Where the native build lives: beside the bundle directory (`dist/plugins` → `dist/native`). */
export function nativeDirFor(bundleDir: string): string {
  return join(dirname(bundleDir), 'native');
}

function isManifest(value: unknown): value is NativeManifest {
  const record = value as Record<string, unknown> | null;
  return (
    typeof record === 'object' &&
    record !== null &&
    typeof record.platform === 'string' &&
    typeof record.arch === 'string' &&
    typeof record.bun === 'string' &&
    typeof record.executable === 'string' &&
    Array.isArray(record.plugins) &&
    record.plugins.every((name) => typeof name === 'string')
  );
}

/** The native build in `dir` when it is complete and made for this platform; undefined otherwise. */
export function findNativeBuild(dir: string): NativeBuild | undefined {
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(join(dir, 'build.json'), 'utf8'));
  } catch {
    return undefined;
  }
  if (!isManifest(manifest)) return undefined;
  if (manifest.platform !== process.platform || manifest.arch !== process.arch) return undefined;
  try {
    for (const name of [manifest.executable, ...manifest.plugins])
      accessSync(join(dir, name), constants.X_OK);
  } catch {
    return undefined;
  }
  return {
    dir,
    executable: join(dir, manifest.executable),
    plugins: manifest.plugins,
    label: `native build (Bun ${manifest.bun}, ${manifest.platform}-${manifest.arch})`,
  };
}
