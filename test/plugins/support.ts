/**
 * Test support for the reference plugins: builds them once per file with esbuild (the same bundling as
 * scripts/build.mjs), creates private network namespaces, and runs a built plugin exactly as a runtime
 * would — inside a namespace we created, never the real host's.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

const root = new URL('../..', import.meta.url).pathname;

/** The plugins we ship, by role directory. */
export const PLUGIN_ENTRIES = {
  loopback: 'src/plugins/main/loopback/main.ts',
  bridge: 'src/plugins/main/bridge/main.ts',
  'host-local': 'src/plugins/ipam/host-local/main.ts',
} as const;

export type PluginName = keyof typeof PLUGIN_ENTRIES;

/** Where upstream's Go plugins live on Debian. */
export const UPSTREAM_DIR = '/usr/lib/cni';

/** Bundles our plugins into a fresh directory; returns it. */
export async function buildPlugins(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'cni-plugins-'));
  await Promise.all(
    Object.entries(PLUGIN_ENTRIES).map(async ([name, entry]) => {
      const outfile = join(dir, name);
      await build({
        entryPoints: [join(root, entry)],
        outfile,
        bundle: true,
        platform: 'node',
        target: 'node20',
        // As scripts/build.mjs ships them: CommonJS with a shebang.
        format: 'cjs',
        logLevel: 'warning',
        banner: { js: '#!/usr/bin/env node' },
      });
      chmodSync(outfile, 0o755);
    }),
  );
  return dir;
}

/** The two builds of our plugins every behaviour test runs against (docs/native-build.md). */
export const PLUGIN_BUILDS = ['node', 'native'] as const;

export type PluginBuild = (typeof PLUGIN_BUILDS)[number];

/**
 * dist/native, (re)built by scripts/build-native.mjs when its sources changed (a no-op otherwise). Where it
 * cannot be built this throws with the build's own reason: the native variant fails loudly, never skips.
 */
export function nativePlugins(): string {
  try {
    execFileSync('node', [join(root, 'scripts/build-native.mjs')], { cwd: root, stdio: 'pipe' });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    throw new Error(`the native build of the plugins is missing and could not be built: ${stderr || error}`);
  }
  return join(root, 'dist/native');
}

/** A directory holding bridge, host-local and loopback of `build`. */
export function pluginsOf(build: PluginBuild): Promise<string> {
  return build === 'native' ? Promise.resolve(nativePlugins()) : buildPlugins();
}

/** A network namespace created for a test; `path` is what CNI_NETNS carries. */
export interface TestNetns {
  readonly name: string;
  readonly path: string;
  remove(): void;
}

/** Creates `cnit-<prefix>-<hex>` with `ip netns add`. */
export function createNetns(prefix: string): TestNetns {
  const name = `cnit-${prefix}-${randomBytes(3).toString('hex')}`;
  const made = spawnSync('ip', ['netns', 'add', name], { encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`ip netns add ${name}: ${made.stderr}`);
  return {
    name,
    path: `/var/run/netns/${name}`,
    remove: () => {
      spawnSync('ip', ['netns', 'del', name]);
    },
  };
}

/** Runs argv and returns stdout; throws on failure. */
export function sh(argv: readonly string[]): string {
  const [file, ...args] = argv as [string, ...string[]];
  const run = spawnSync(file, args, { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`${argv.join(' ')}: ${run.stderr}`);
  return run.stdout;
}

/** One plugin call. */
export interface PluginCall {
  readonly plugin: string;
  readonly command: string;
  readonly config: unknown;
  readonly env?: Readonly<Record<string, string>>;
  /** Run the plugin inside this namespace (the "host" for bridge) instead of the real host. */
  readonly hostNetns?: TestNetns;
}

/** What a plugin call produced; `json` is stdout parsed when possible. */
export interface PluginOutcome {
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly json: Record<string, unknown> | undefined;
}

/** Runs a plugin with a clean CNI environment and JSON stdin. */
export function callPlugin(call: PluginCall): Promise<PluginOutcome> {
  const env = {
    PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin',
    CNI_COMMAND: call.command,
    ...call.env,
  };
  const argv = call.hostNetns ? ['ip', 'netns', 'exec', call.hostNetns.name, call.plugin] : [call.plugin];
  return new Promise((resolve) => {
    const [file, ...args] = argv as [string, ...string[]];
    const child = spawn(file, args, { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('close', (exitCode) => {
      let json: Record<string, unknown> | undefined;
      try {
        json = JSON.parse(stdout) as Record<string, unknown>;
      } catch {
        json = undefined;
      }
      resolve({ exitCode, stdout, stderr, json });
    });
    child.stdin.end(typeof call.config === 'string' ? call.config : JSON.stringify(call.config));
  });
}

/** A scratch directory removed by the returned function. */
export function scratchDir(prefix: string): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), `${prefix}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
