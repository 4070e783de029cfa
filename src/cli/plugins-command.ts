/**
 * `cni-conformance plugins install DIR [--force] [--all] [--node]` and `plugins list`: puts the reference plugins
 * (bridge, host-local, loopback; `--all` adds every shipped plugin, e.g. spy) into a CNI bin dir — the native
 * build (dist/native: the executable cni-plugins, hard-linked under each name) when this platform has one, else
 * (or with `--node`) the Node bundles (dist/plugins), and says which. An existing file of a plugin's name is kept
 * unless `--force` (it may be an upstream plugin). Each file is written beside its target and renamed over it,
 * so a plugin running meanwhile never sees half a file.
 */
import {
  chmodSync,
  copyFileSync,
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { packageRoot } from '../package-root.ts';
import { EXIT_SETUP } from './exit-codes.ts';
import { printHelp, type SubcommandIo, wantsHelp } from './help.ts';
import { findNativeBuild, type NativeBuild, nativeDirFor } from './shipped-plugins.ts';

/** The reference plugins `plugins install` copies by default. */
export const SHIPPED_PLUGINS = ['bridge', 'host-local', 'loopback'] as const;

/** Where the command writes. `process` fits. */
export type PluginsCommandIo = SubcommandIo;

/** Seams for tests. */
export interface PluginsCommandOptions {
  /** The directory holding the bundled plugins. @defaultValue `<package root>/dist/plugins` */
  readonly bundleDir?: string;
  /** The directory holding the native build. @defaultValue `native` beside {@link bundleDir} */
  readonly nativeDir?: string;
}

const USAGE = 'usage: cni-conformance plugins install <dir> [--force] [--all] [--node] | plugins list';

const HELP = [
  'usage: cni-conformance plugins install <dir> [--force] [--all] [--node]',
  '       cni-conformance plugins list',
  '',
  'The shipped reference plugins (bridge, host-local, loopback; --all adds the spy): the native build',
  '(one executable, cni-plugins, linked under each name) where this platform has one, else the Node bundles.',
  '',
  'commands:',
  '  install <dir>   copy the plugins into a CNI bin dir',
  '  list            name every bundled plugin',
  '',
  'options:',
  '  --force         replace files of the same name already in <dir>',
  '  --all           every bundled plugin, not only the reference three',
  '  --node          the Node bundles even where the native build exists',
  '  -h, --help      this help',
].join('\n');

function usage(io: PluginsCommandIo, problem: string): number {
  io.stderr.write(`${problem} — ${USAGE}\n`);
  return EXIT_SETUP;
}

function bundled(bundleDir: string, all: boolean): string[] | undefined {
  if (!existsSync(bundleDir)) return undefined;
  // package.json marks the bundles as CommonJS; it is not a plugin.
  const present = readdirSync(bundleDir)
    .filter((name) => name !== 'package.json')
    .sort();
  return all ? present : SHIPPED_PLUGINS.filter((name) => present.includes(name));
}

/** The `type` of the package.json Node would consult for a file in `dir` (the nearest one upwards). */
function governingModuleType(dir: string): { type: string; file: string } | undefined {
  for (let current = dir; ; current = dirname(current)) {
    const file = join(current, 'package.json');
    if (existsSync(file)) {
      try {
        const type = (JSON.parse(readFileSync(file, 'utf8')) as { type?: unknown }).type;
        return { type: typeof type === 'string' ? type : 'commonjs', file };
      } catch {
        return { type: 'commonjs', file };
      }
    }
    if (dirname(current) === current) return undefined;
  }
}

/**
 * The bundles are CommonJS without an extension, so a `"type": "module"` package.json above the target would
 * make Node load them as ESM and fail. A marker package.json in the target fixes that; one already there with
 * `"type": "module"` is the user's and is not touched. Returns the problem, if any.
 */
function ensureCommonJs(target: string): string | undefined {
  const governing = governingModuleType(target);
  if (governing?.type !== 'module') return undefined;
  if (governing.file === join(target, 'package.json'))
    return `${governing.file} says "type": "module", under which the plugins (CommonJS files without an extension) cannot run — install into another directory`;
  writeFileSync(join(target, 'package.json'), '{ "type": "commonjs" }\n');
  return undefined;
}

function installOne(source: string, target: string): void {
  const staging = `${target}.cni-conformance-${process.pid}`;
  copyFileSync(source, staging);
  chmodSync(staging, 0o755);
  renameSync(staging, target);
}

/** `target` becomes a hard link of `executable` (a copy where the filesystem has no hard links). */
function linkOne(executable: string, target: string): void {
  const staging = `${target}.cni-conformance-${process.pid}`;
  try {
    linkSync(executable, staging);
  } catch {
    copyFileSync(executable, staging);
  }
  renameSync(staging, target);
}

/** The multi-call executable once into `target`, then each plugin name as a link to it. */
function installNative(build: NativeBuild, names: readonly string[], target: string): void {
  const executable = join(target, basename(build.executable));
  installOne(build.executable, executable);
  for (const name of names) linkOne(executable, join(target, name));
}

type InstallFlag = '--force' | '--all' | '--node';
const INSTALL_FLAGS: readonly string[] = ['--force', '--all', '--node'] satisfies InstallFlag[];

function install(
  args: readonly string[],
  io: PluginsCommandIo,
  bundleDir: string,
  nativeDir: string,
): number {
  const flags = args.filter((arg) => arg.startsWith('--'));
  const unknown = flags.find((flag) => !INSTALL_FLAGS.includes(flag));
  if (unknown) return usage(io, `unknown option ${unknown}`);
  const dirs = args.filter((arg) => !arg.startsWith('--'));
  if (dirs.length !== 1 || !dirs[0]) return usage(io, 'plugins install needs exactly one target directory');
  const native = flags.includes('--node') ? undefined : findNativeBuild(nativeDir);
  const names = native
    ? flags.includes('--all')
      ? [...native.plugins]
      : SHIPPED_PLUGINS.filter((name) => native.plugins.includes(name))
    : bundled(bundleDir, flags.includes('--all'));
  if (!names || names.length === 0) {
    io.stderr.write(`no bundled plugins in ${bundleDir} — run \`npm run build\` first\n`);
    return EXIT_SETUP;
  }
  const target = resolve(dirs[0]);
  mkdirSync(target, { recursive: true });
  const clashes = names.filter((name) => existsSync(join(target, name)));
  if (clashes.length > 0 && !flags.includes('--force')) {
    io.stderr.write(`${target} already holds ${clashes.join(', ')} — pass --force to replace them\n`);
    return EXIT_SETUP;
  }
  if (native) {
    installNative(native, names, target);
    io.stdout.write(
      `installed ${names.join(', ')} into ${target}: ${native.label}, ${basename(native.executable)} linked under each name\n`,
    );
    return 0;
  }
  const moduleProblem = ensureCommonJs(target);
  if (moduleProblem) {
    io.stderr.write(`${moduleProblem}\n`);
    return EXIT_SETUP;
  }
  for (const name of names) installOne(join(bundleDir, name), join(target, name));
  const why = flags.includes('--node')
    ? '--node'
    : `no native build for ${process.platform}-${process.arch} in ${nativeDir} (\`npm run build:native\` makes one where Bun exists)`;
  io.stdout.write(`installed ${names.join(', ')} into ${target}: Node bundles (${why})\n`);
  return 0;
}

/** Runs `plugins <subcommand> …`; returns the exit code (0 done, 2 usage or setup error). */
export async function runPluginsCommand(
  args: readonly string[],
  io: PluginsCommandIo,
  options: PluginsCommandOptions = {},
): Promise<number> {
  if (wantsHelp(args)) return printHelp(io, HELP);
  const bundleDir = options.bundleDir ?? join(packageRoot(), 'dist', 'plugins');
  const nativeDir = options.nativeDir ?? nativeDirFor(bundleDir);
  const [subcommand, ...rest] = args;
  if (subcommand === 'install') return install(rest, io, bundleDir, nativeDir);
  if (subcommand === 'list') {
    const names = bundled(bundleDir, true);
    if (!names) return usage(io, `no bundled plugins in ${bundleDir}; run \`npm run build\``);
    io.stdout.write(`${names.join('\n')}\n`);
    return 0;
  }
  return usage(io, subcommand ? `unknown plugins subcommand ${subcommand}` : 'missing plugins subcommand');
}
