/**
 * The dispatcher of the native build (scripts/build-native.mjs; its entry, src/cli/native-main.ts, adds the
 * cni-exec personality, which lives in src/cli): one executable serves every plugin, dispatching on the name it
 * was executed as, as busybox does; links named bridge, host-local, loopback and spy sit beside it. A name that
 * is no plugin's (the spy is linked as spy-a, spy-b, …; cnitool → cni-exec) is followed through its symlinks
 * until one is. Each personality is imported only when chosen, so a call evaluates no other's modules.
 */
import { readlinkSync, statSync } from 'node:fs';
import { basename, delimiter, dirname, join, resolve } from 'node:path';
import { writeAllSync } from '../skel/fd-write.ts';

/** The executable's own name: run under it, the first argument names the plugin (`cni-plugins loopback`). */
const MULTICALL_NAME = 'cni-plugins';

/**
 * What runs under one name: `invokedAs` is the absolute path the process was executed as, `args` the arguments
 * after the name (argv[2…], or argv[3…] as `cni-plugins <name>`).
 */
export type Personality = (invokedAs: string, args: readonly string[]) => Promise<void>;

const PLUGINS: Readonly<Record<string, Personality>> = {
  bridge: async () => {
    const [{ runPlugin }, { bridgePlugin }] = await Promise.all([
      import('../skel/run.ts'),
      import('../main/bridge/bridge.ts'),
    ]);
    await runPlugin(bridgePlugin);
  },
  'host-local': async () => {
    const [{ runPlugin }, { hostLocalPlugin }] = await Promise.all([
      import('../skel/run.ts'),
      import('../ipam/host-local/host-local.ts'),
    ]);
    await runPlugin(hostLocalPlugin);
  },
  loopback: async () => {
    const [{ runPlugin }, { loopbackPlugin }] = await Promise.all([
      import('../skel/run.ts'),
      import('../main/loopback/loopback.ts'),
    ]);
    await runPlugin(loopbackPlugin);
  },
  spy: async (invokedAs) => {
    const { runSpy } = await import('../meta/spy/spy.ts');
    runSpy(invokedAs);
  },
};

/** A bare argv[0] ("bridge") is where a shell would have found it: the first PATH entry holding it. */
function onPath(name: string, path: string | undefined): string {
  for (const dir of (path ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, name);
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // Not here.
    }
  }
  return name;
}

/** The absolute path the process was executed as. */
function invocationPath(argv0: string, env: NodeJS.ProcessEnv = process.env): string {
  return resolve(argv0.includes('/') ? argv0 : onPath(argv0, env.PATH));
}

/** The personality for `path`: its own name, else the name of what it links to, hop by hop (at most 8). */
function personalityFor(path: string, names: Readonly<Record<string, Personality>>): string | undefined {
  let current = path;
  for (let hop = 0; hop < 8; hop += 1) {
    const name = basename(current);
    if (Object.hasOwn(names, name)) return name;
    try {
      current = resolve(dirname(current), readlinkSync(current));
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** A CNI error on stdout (code 999, generic), exit 1: the caller may be a runtime parsing it. */
function fail(msg: string, details: string): void {
  writeAllSync(1, `${JSON.stringify({ cniVersion: '1.1.0', code: 999, msg, details })}\n`);
  process.exitCode = 1;
}

/** Runs the personality the process was executed as: a plugin, or one of `extra`. */
export async function runMulticall(extra: Readonly<Record<string, Personality>> = {}): Promise<void> {
  const names = { ...PLUGINS, ...extra };
  const invokedAs = invocationPath(process.argv0);
  let name = personalityFor(invokedAs, names);
  let args = process.argv.slice(2);
  // `cni-plugins loopback`: the first argument names the plugin (a CNI runtime passes no arguments).
  const named = args[0];
  if (name === undefined && basename(invokedAs) === MULTICALL_NAME && named !== undefined) {
    name = Object.hasOwn(names, named) ? named : undefined;
    args = args.slice(1);
  }
  const run = name === undefined ? undefined : names[name];
  if (run === undefined) {
    fail(
      `${MULTICALL_NAME}: no plugin named "${basename(invokedAs)}"`,
      `link or copy this executable under one of: ${Object.keys(names).join(', ')}`,
    );
    return;
  }
  await run(invokedAs, args);
}
