// The native build of the reference plugins and of `cni-conformance exec` (docs/native-build.md):
// src/cli/native-main.ts (the plugins' multi-call dispatcher plus exec) compiled by `bun build --compile` into
// one executable, dist/native/cni-plugins, with a hard link per plugin name beside it and one named cni-exec.
// Bun comes from the npm registry (devDependency `bun`, whose optional dependency @oven/bun-<os>-<arch> holds the
// binary); it is located directly, since npm may not run the package's install script. Skipped when the sources
// and Bun are those of the last build. `--optional` (from `npm run build`): no Bun for this platform is a note,
// not an error, and the Node bundles in dist/plugins are the fallback.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  linkSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const outDir = join(root, 'dist/native');
const EXECUTABLE = 'cni-plugins';
/** The names the executable dispatches on: the plugins (src/plugins/native/multicall.ts), and exec's. */
const PLUGINS = ['bridge', 'host-local', 'loopback', 'spy'];
const EXEC = 'cni-exec';
const ENTRY = 'src/cli/native-main.ts';

/** Where a Bun binary for this machine may be, most specific first. */
function bunCandidates() {
  const base = `bun-${process.platform}-${process.arch === 'arm64' ? 'aarch64' : process.arch}`;
  return [
    ...['', '-baseline', '-musl', '-musl-baseline'].map((suffix) =>
      join(root, 'node_modules/@oven', `${base}${suffix}`, 'bin/bun'),
    ),
    // The `bun` package's own bin, once its install script (or npm) has put the real binary there.
    join(root, 'node_modules/bun/bin/bun.exe'),
  ];
}

/** The first candidate that runs here, with its version; undefined when none does. */
function findBun() {
  for (const file of bunCandidates()) {
    // The `bun` package ships a small placeholder until its install script runs.
    if (!existsSync(file) || statSync(file).size < 1_000_000) continue;
    try {
      const version = execFileSync(file, ['--version'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      return { file, version: version.trim() };
    } catch {
      // A binary for another libc or CPU level: try the next.
    }
  }
  return undefined;
}

/** Every file the executable is compiled from (the entry's module graph, dependencies included), per esbuild. */
async function sourceFiles() {
  const { build } = await import('esbuild');
  const { metafile } = await build({
    entryPoints: [ENTRY],
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    format: 'esm',
    write: false,
    metafile: true,
    logLevel: 'silent',
    external: ['bun:*'],
  });
  return Object.keys(metafile.inputs).sort();
}

async function sourceHash(bunVersion) {
  const hash = createHash('sha256').update(`bun ${bunVersion}\n`);
  // This script too: its flags shape the executable.
  for (const file of ['scripts/build-native.mjs', ...(await sourceFiles())])
    hash.update(`${file}\n`).update(readFileSync(join(root, file)));
  return hash.digest('hex');
}

function readManifest() {
  try {
    return JSON.parse(readFileSync(join(outDir, 'build.json'), 'utf8'));
  } catch {
    return undefined;
  }
}

/** Builds dist/native; returns what it did, or throws. */
export async function buildNative({ optional = false } = {}) {
  const bun = findBun();
  if (!bun) {
    const message = `no Bun binary for ${process.platform}-${process.arch} in node_modules (npm package bun, an optional dependency per platform)`;
    if (!optional) throw new Error(`${message}: the native build is not possible here`);
    console.log(`native plugins skipped: ${message}; the Node bundles in dist/plugins are used instead`);
    return 'skipped';
  }
  const hash = await sourceHash(bun.version);
  const manifest = readManifest();
  const complete = [EXECUTABLE, ...PLUGINS, EXEC].every((name) => existsSync(join(outDir, name)));
  if (complete && manifest?.sourceHash === hash) return 'up to date';
  mkdirSync(outDir, { recursive: true });
  // Built beside the target and renamed over it, so a plugin running meanwhile never sees half a file.
  const staging = join(outDir, `.${EXECUTABLE}.${process.pid}`);
  try {
    execFileSync(
      bun.file,
      [
        'build',
        '--compile',
        // Bytecode and a minified bundle: less for the engine to parse at every start.
        '--bytecode',
        '--minify-syntax',
        '--minify-whitespace',
        // One chunk per dynamically imported personality, each with its own bytecode inside the executable: a
        // call loads only its own chunk's, not the whole bundle's (loopback VERSION ~10% less CPU, measured).
        // Splitting needs ESM (with --bytecode, Bun's default format is CommonJS).
        '--format=esm',
        '--splitting',
        // A plugin or a cnitool must not take settings from whatever `.env` or bunfig.toml is in its caller's
        // working directory (and not looking saves a little of every start).
        '--no-compile-autoload-dotenv',
        '--no-compile-autoload-bunfig',
        // Every personality is a short-lived process whose code mostly runs once: JSC's tier-up thresholds x100
        // keep it in the interpreter instead of JIT-compiling it on a worker thread (measured: exec ~3 ms and
        // loopback VERSION ~5 ms less CPU per call); a loop that runs long still reaches the JIT.
        '--compile-jit-policy=100',
        join(root, ENTRY),
        '--outfile',
        staging,
      ],
      { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
    );
    for (const name of [...PLUGINS, EXEC]) {
      const link = join(outDir, `.${name}.${process.pid}`);
      linkSync(staging, link);
      renameSync(link, join(outDir, name));
    }
    renameSync(staging, join(outDir, EXECUTABLE));
  } finally {
    rmSync(staging, { force: true });
  }
  writeFileSync(
    join(outDir, 'build.json'),
    `${JSON.stringify(
      {
        platform: process.platform,
        arch: process.arch,
        bun: bun.version,
        executable: EXECUTABLE,
        plugins: PLUGINS,
        exec: EXEC,
        sourceHash: hash,
      },
      null,
      2,
    )}\n`,
  );
  return 'built';
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const done = await buildNative({ optional: process.argv.includes('--optional') });
    if (done !== 'skipped') console.log(`dist/native/${EXECUTABLE}: ${done}`);
  } catch (error) {
    console.error(`build:native: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
