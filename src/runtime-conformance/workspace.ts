/**
 * A scenario's private world on the host: a bin dir of spies (CNI_PATH), a conf dir, a result cache, the spy
 * log and control file, and container netns files made with `unshare --net=FILE` (no change to the host's
 * own network). Everything lives under one temp dir that `dispose` removes.
 */
import {
  appendFile,
  chmod,
  copyFile,
  mkdir,
  mkdtemp,
  readFile,
  readlink,
  rm,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageRoot } from '../package-root.ts';
import {
  SPY_CONTROL_FILE,
  SPY_DIR_SIDECAR,
  SPY_LOG_FILE,
  type SpyControl,
} from '../plugins/meta/spy/record.ts';
import { runHostCommand } from '../sandbox/host-command.ts';

/** The bundled spy executable (npm run build), found from src/ (tsx, vitest) and from the bundled dist/cli.js. */
export const DEFAULT_SPY_BINARY = resolve(packageRoot(fileURLToPath(import.meta.url)), 'dist/plugins/spy');

/** Marks a spy record that came from the second CNI_PATH directory (R-ENV-7); absent means the first. */
export const CNI_PATH_INDEX_KEY = 'cniPathIndex';

/** Paths of one scenario run. */
export interface Workspace {
  readonly root: string;
  readonly binDir: string;
  /**
   * A second plugin directory, searched after `binDir` by adapters that take several (R-ENV-7). Its spies log
   * to their own file; `readLog` merges those records tagged `cniPathIndex: 1`.
   */
  readonly shadowBinDir: string;
  /** `[binDir, shadowBinDir]`: the CNI_PATH a runtime that accepts several directories is given. */
  readonly cniPath: readonly string[];
  readonly confDir: string;
  readonly cacheDir: string;
  readonly spyDir: string;
  readonly logPath: string;
  /** `readlink /proc/self/ns/net` of the harness, which is where a host-side runtime runs. */
  readonly hostNetns: string;
  /** Installs spies under these type names (symlinks to the spy binary). */
  installSpies(types: readonly string[]): Promise<void>;
  /** Installs spies under these type names in `shadowBinDir` too. */
  installShadowSpies(types: readonly string[]): Promise<void>;
  /** Writes `<confDir>/<file>`. */
  writeConflist(file: string, conflist: Readonly<Record<string, unknown>>): Promise<void>;
  /** Writes an aggregated plugin config `<confDir>/<network>/<file>` (R-CFG-4). */
  writePluginConf(network: string, file: string, plugin: Readonly<Record<string, unknown>>): Promise<void>;
  writeControl(control: SpyControl): Promise<void>;
  /** Appends one harness line (scenario, operation) to the log. */
  appendLog(line: Readonly<Record<string, unknown>>): Promise<void>;
  readLog(): Promise<string>;
  /** Creates a container netns; returns its path (a live nsfs bind mount). */
  addNetns(name: string): Promise<string>;
  removeNetns(name: string): Promise<void>;
  dispose(): Promise<void>;
}

/** Tags each JSON line of the second directory's spy log with `cniPathIndex: 1` (unparsable lines kept as they are). */
function tagShadowLines(text: string): string {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      try {
        return `${JSON.stringify({ ...JSON.parse(line), [CNI_PATH_INDEX_KEY]: 1 })}\n`;
      } catch {
        return `${line}\n`;
      }
    })
    .join('');
}

/** Options for {@link createWorkspace}. */
export interface WorkspaceOptions {
  /** @defaultValue {@link DEFAULT_SPY_BINARY} */
  readonly spyBinary?: string;
  /** @defaultValue os.tmpdir() */
  readonly parentDir?: string;
}

/** Creates a workspace under a fresh temp dir. */
export async function createWorkspace(options: WorkspaceOptions = {}): Promise<Workspace> {
  const root = await mkdtemp(join(options.parentDir ?? tmpdir(), 'cnc-rt-'));
  const dirs = {
    binDir: join(root, 'bin'),
    shadowBinDir: join(root, 'bin2'),
    confDir: join(root, 'conf'),
    cacheDir: join(root, 'cache'),
    spyDir: join(root, 'spy'),
    shadowSpyDir: join(root, 'spy2'),
    netnsDir: join(root, 'netns'),
  };
  await Promise.all(Object.values(dirs).map((dir) => mkdir(dir, { recursive: true })));
  // Each bin dir tells its spies where to log, so the log shows which directory a plugin was run from.
  await writeFile(join(dirs.binDir, SPY_DIR_SIDECAR), dirs.spyDir);
  await writeFile(join(dirs.shadowBinDir, SPY_DIR_SIDECAR), dirs.shadowSpyDir);
  const spyBinary = options.spyBinary ?? DEFAULT_SPY_BINARY;
  const mounted = new Set<string>();
  const logPath = join(dirs.spyDir, SPY_LOG_FILE);
  let spyCopy: Promise<string> | undefined;
  // A private copy: a concurrent `npm run build` rewrites dist/ and would make execs fail mid-scenario.
  const privateSpy = () => {
    spyCopy ??= (async () => {
      const copy = join(root, 'spy-plugin');
      await copyFile(spyBinary, copy);
      await chmod(copy, 0o755);
      return copy;
    })();
    return spyCopy;
  };
  const install = async (dir: string, types: readonly string[]) => {
    const copy = await privateSpy();
    await Promise.all(types.map((type) => symlink(copy, join(dir, type))));
  };
  const workspace: Workspace = {
    root,
    ...dirs,
    cniPath: [dirs.binDir, dirs.shadowBinDir],
    logPath,
    hostNetns: await readlink('/proc/self/ns/net'),
    installSpies: (types) => install(dirs.binDir, types),
    installShadowSpies: (types) => install(dirs.shadowBinDir, types),
    writeConflist: (file, conflist) => writeFile(join(dirs.confDir, file), JSON.stringify(conflist, null, 2)),
    async writePluginConf(network, file, plugin) {
      await mkdir(join(dirs.confDir, network), { recursive: true });
      await writeFile(join(dirs.confDir, network, file), JSON.stringify(plugin, null, 2));
    },
    async writeControl(control) {
      const text = JSON.stringify(control);
      await writeFile(join(dirs.spyDir, SPY_CONTROL_FILE), text);
      await writeFile(join(dirs.shadowSpyDir, SPY_CONTROL_FILE), text);
    },
    appendLog: (line) => appendFile(logPath, `${JSON.stringify(line)}\n`),
    async readLog() {
      const main = await readFile(logPath, 'utf8').catch(() => '');
      const shadow = await readFile(join(dirs.shadowSpyDir, SPY_LOG_FILE), 'utf8').catch(() => '');
      return main + tagShadowLines(shadow);
    },
    async addNetns(name) {
      const path = join(dirs.netnsDir, name);
      await writeFile(path, '');
      await runHostCommand('unshare', [`--net=${path}`, 'true']);
      mounted.add(path);
      return path;
    },
    async removeNetns(name) {
      const path = join(dirs.netnsDir, name);
      if (mounted.delete(path)) await runHostCommand('umount', [path]).catch(() => undefined);
      await rm(path, { force: true });
    },
    async dispose() {
      for (const path of mounted) await runHostCommand('umount', ['-l', path]).catch(() => undefined);
      mounted.clear();
      await rm(root, { recursive: true, force: true });
    },
  };
  return workspace;
}
