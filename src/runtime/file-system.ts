/**
 * The few file operations the runtime needs (conf dir, CNI_PATH lookup, result cache), behind one seam so a
 * runtime can read a sandbox's private directories or a test can inject faults.
 */
import { chmod, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';

/** File access used by the runtime. Paths are absolute. */
export interface RuntimeFileSystem {
  readFile(path: string): Promise<string>;
  /** Names of the non-directory entries of `dir`, sorted; undefined when `dir` does not exist. */
  listFiles(dir: string): Promise<string[] | undefined>;
  /** True when `path` (symlinks followed) is a regular file. */
  isRegularFile(path: string): Promise<boolean>;
  /** Creates `dir` and its parents with `mode` (existing directories keep theirs). */
  makeDirectory(dir: string, mode: number): Promise<void>;
  /** Writes `data`; a new file gets `mode`, an existing one keeps its mode (as Go's os.WriteFile). */
  writeFile(path: string, data: string, mode: number): Promise<void>;
  /** Removes a file; a missing file is not an error. */
  removeFile(path: string): Promise<void>;
}

function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT';
}

/** The real file system of this process. */
export const nodeFileSystem: RuntimeFileSystem = {
  readFile: (path) => readFile(path, 'utf8'),
  async listFiles(dir) {
    try {
      const entries = await readdir(dir, { withFileTypes: true });
      return entries
        .filter((entry) => !entry.isDirectory())
        .map((entry) => entry.name)
        .sort();
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  },
  async isRegularFile(path) {
    try {
      return (await stat(path)).isFile();
    } catch {
      return false;
    }
  },
  async makeDirectory(dir, mode) {
    await mkdir(dir, { recursive: true, mode });
  },
  async writeFile(path, data, mode) {
    const existed = await stat(path).then(
      () => true,
      () => false,
    );
    await writeFile(path, data, { mode });
    // A umask may have narrowed a new file; the cache contract is exactly `mode`.
    if (!existed) await chmod(path, mode);
  },
  async removeFile(path) {
    await rm(path, { force: true });
  },
};
