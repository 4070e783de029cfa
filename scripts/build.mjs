// Bundles the CLI, the library entry and each shipped plugin into single ESM files so they start fast.
import { chmod, mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
const shared = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: false,
  logLevel: 'warning',
  // Bundled CommonJS dependencies call require(); give ESM output one.
  banner: {
    js: "import { createRequire as __cniCreateRequire } from 'node:module'; const require = __cniCreateRequire(import.meta.url);",
  },
};

async function exists(path) {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** Every src/plugins/<role>/<name>/main.ts becomes dist/plugins/<name>, an executable with a shebang. */
async function listPluginEntries() {
  const entries = [];
  const pluginsDir = join(root, 'src/plugins');
  for (const role of ['main', 'ipam', 'meta']) {
    const roleDir = join(pluginsDir, role);
    if (!(await exists(roleDir))) continue;
    for (const name of await readdir(roleDir)) {
      const entry = join(roleDir, name, 'main.ts');
      if (await exists(entry)) entries.push({ name, entry });
    }
  }
  return entries;
}

/** The launcher's two targets stay separate files: `exec` must not load the full CLI. */
const launcherTargets = {
  name: 'launcher-targets',
  setup(pluginBuild) {
    const targets = { './main.ts': './main.js', './exec-main.ts': './exec.js' };
    pluginBuild.onResolve({ filter: /^\.\/(main|exec-main)\.ts$/ }, (args) => ({
      path: targets[args.path],
      external: true,
    }));
  },
};

/**
 * zod re-exports all its locales (~360 KB, half of zod) though only English is configured: `exec` compiles every
 * byte it bundles on each start, so its bundle gets English alone.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      args.importer.includes('/node_modules/zod/') ? { path: 'en', namespace: 'zod-locales' } : undefined,
    );
    pluginBuild.onLoad({ filter: /.*/, namespace: 'zod-locales' }, () => ({
      contents: `export { default as en } from ${JSON.stringify(join(root, 'node_modules/zod/v4/locales/en.js'))};`,
      resolveDir: root,
    }));
  },
};

const jobs = [];
if (await exists(join(root, 'src/cli/main.ts'))) {
  jobs.push(
    build({
      ...shared,
      entryPoints: [join(root, 'src/cli/main.ts')],
      outfile: join(root, 'dist/main.js'),
      // vitest must stay external: the CLI drives it through its Node API from node_modules.
      packages: 'external',
    }),
    // `exec` is a cnitool, started once per container operation: its bundle holds its whole module graph (no
    // node_modules resolution at start) and nothing else.
    build({
      ...shared,
      entryPoints: [join(root, 'src/cli/exec-main.ts')],
      outfile: join(root, 'dist/exec.js'),
      plugins: [zodEnglishOnly],
    }),
    build({
      ...shared,
      entryPoints: [join(root, 'src/cli/bin.ts')],
      outfile: join(root, 'dist/cli.js'),
      plugins: [launcherTargets],
      banner: { js: '#!/usr/bin/env node' },
    }).then(() => chmod(join(root, 'dist/cli.js'), 0o755)),
  );
}
if (await exists(join(root, 'src/index.ts'))) {
  jobs.push(
    build({
      ...shared,
      entryPoints: [join(root, 'src/index.ts')],
      outfile: join(root, 'dist/index.js'),
      packages: 'external',
    }),
  );
}
for (const { name, entry } of await listPluginEntries()) {
  const outfile = join(root, 'dist/plugins', name);
  jobs.push(
    build({
      ...shared,
      entryPoints: [entry],
      outfile,
      // CommonJS starts ~10 ms faster per call than ESM (no async module loader, no syntax detection when
      // installed outside this package), and a plugin runs once per CNI call.
      format: 'cjs',
      banner: { js: '#!/usr/bin/env node' },
    }).then(() => chmod(outfile, 0o755)),
  );
}
// The package is "type": "module"; without this marker Node would load the extensionless CommonJS plugins as ESM.
await mkdir(join(root, 'dist/plugins'), { recursive: true });
jobs.push(writeFile(join(root, 'dist/plugins/package.json'), '{ "type": "commonjs" }\n'));
await Promise.all(jobs);
// The native build of the same plugins (scripts/build-native.mjs), where Bun exists for this platform; else one
// note, and the bundles above are what runs.
await import('./build-native.mjs').then(({ buildNative }) => buildNative({ optional: true }));
