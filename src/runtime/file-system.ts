/**
 * The few file operations the runtime needs (conf dir, CNI_PATH lookup, result cache), behind one seam so a
 * runtime can read a sandbox's private directories or a test can inject faults.
 */
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';

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

/** Runs a synchronous call as a promise, so a throw becomes a rejection. */
function settle<T>(call: () => T): Promise<T> {
  try {
    return Promise.resolve(call());
  } catch (error) {
    return Promise.reject(error);
  }
}

/**
 * The real file system of this process. The calls are synchronous on purpose: they are tiny and local (as in
 * libcni), while an async fs call issued right after a plugin exits was measured to wait up to ~15 ms behind
 * the child-process teardown in the event loop — three times the runtime's whole overhead budget (5 ms).
 */
export const nodeFileSystem: RuntimeFileSystem = {
  readFile: (path) => settle(() => readFileSync(path, 'utf8')),
  listFiles: (dir) =>
    settle(() => {
      try {
        const entries = readdirSync(dir, { withFileTypes: true });
        return entries
          .filter((entry) => !entry.isDirectory())
          .map((entry) => entry.name)
          .sort();
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    }),
  isRegularFile: (path) => settle(() => statSync(path, { throwIfNoEntry: false })?.isFile() ?? false),
  makeDirectory: (dir, mode) =>
    settle(() => {
      mkdirSync(dir, { recursive: true, mode });
    }),
  writeFile: (path, data, mode) =>
    settle(() => {
      const existed = existsSync(path);
      writeFileSync(path, data, { mode });
      // A umask may have narrowed a new file; the cache contract is exactly `mode`.
      if (!existed) chmodSync(path, mode);
    }),
  removeFile: (path) => settle(() => rmSync(path, { force: true })),
};
