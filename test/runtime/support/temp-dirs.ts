/**
 * Temporary CNI_PATH, conf and cache directories for runtime tests.
 */
import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A scratch directory removed by `cleanup`. */
export interface ScratchDirs {
  readonly root: string;
  readonly binDir: string;
  readonly confDir: string;
  readonly cacheDir: string;
  cleanup(): Promise<void>;
}

export async function makeScratchDirs(): Promise<ScratchDirs> {
  const root = await mkdtemp(join(tmpdir(), 'cni-runtime-test-'));
  const dirs = {
    root,
    binDir: join(root, 'bin'),
    confDir: join(root, 'net.d'),
    cacheDir: join(root, 'cache'),
  };
  await mkdir(dirs.binDir);
  await mkdir(dirs.confDir);
  return { ...dirs, cleanup: () => rm(root, { recursive: true, force: true }) };
}

/** Creates empty executable files named after each type (for a fake executor that never execs them). */
export async function installFakePlugins(binDir: string, types: readonly string[]): Promise<void> {
  for (const type of types) {
    await writeFile(join(binDir, type), '#!/bin/sh\nexit 0\n');
    await chmod(join(binDir, type), 0o755);
  }
}

/** The recording fixture plugin. */
export const RECORDING_PLUGIN = new URL('../../../fixtures/plugins/recording/recording.mjs', import.meta.url)
  .pathname;

/** Installs the recording plugin under each type name (symlinks). */
export async function installRecordingPlugins(binDir: string, types: readonly string[]): Promise<void> {
  for (const type of types) await symlink(RECORDING_PLUGIN, join(binDir, type));
}
