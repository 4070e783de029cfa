/**
 * `runtime record`: puts a recorder in front of every plugin of a plugin dir, and puts everything back.
 *
 * Each plugin binary is moved into `<dir>/.cni-conformance-recorded/` and replaced by a copy of a small C program
 * (recorder.c, compiled here with the machine's cc: a Node or sh recorder costs tens of ms per call) that runs it
 * unchanged and appends one `invocation` line to the log. The state file in that dir is written before anything is
 * moved, and each move is one rename, so `--restore` can put the dir back after a crash at any point.
 */
import {
  appendFile,
  copyFile,
  lstat,
  mkdir,
  readdir,
  readFile,
  readlink,
  realpath,
  rename,
  rm,
  symlink,
  unlink,
  writeFile,
} from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { HarnessError } from '../../errors.ts';
import { packageRoot } from '../../package-root.ts';
import { HostCommandError, runHostCommand } from '../../sandbox/host-command.ts';

/** Where the real binaries, the compiled recorder and the state file live while recording. */
export const STORE_NAME = '.cni-conformance-recorded';
const STATE_FILE = 'state.json';
const RECORDER_BINARY = '.recorder';

const StateSchema = z.object({
  log: z.string(),
  plugins: z.array(z.object({ name: z.string(), linkTarget: z.string().optional() })),
});
type RecordState = z.infer<typeof StateSchema>;

const storeOf = (dir: string) => join(dir, STORE_NAME);
const exists = (path: string) =>
  lstat(path).then(
    () => true,
    () => false,
  );

/** Plugins of a dir: its regular files and symlinks that are not hidden. */
async function pluginNames(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((cause: unknown) => {
    throw new HarnessError('CNI_CONFORMANCE_FILE_NOT_FOUND', `plugin dir ${dir} cannot be read`, { cause });
  });
  return entries
    .filter((entry) => !entry.name.startsWith('.') && (entry.isFile() || entry.isSymbolicLink()))
    .map((entry) => entry.name)
    .sort();
}

/** Compiles the recorder for this store and log; a missing cc is a prerequisite error. */
async function compileRecorder(store: string, log: string): Promise<string> {
  const source = join(packageRoot(), 'src', 'runtime-conformance', 'recorder', 'recorder.c');
  const output = join(store, RECORDER_BINARY);
  const cString = (text: string) => JSON.stringify(text);
  try {
    await runHostCommand('cc', [
      '-O2',
      '-static',
      `-DSTORE_DIR=${cString(store)}`,
      `-DLOG_PATH=${cString(log)}`,
      '-o',
      output,
      source,
    ]);
  } catch (cause) {
    const missing = cause instanceof HostCommandError && cause.notFound;
    throw new HarnessError(
      'CNI_CONFORMANCE_PREREQUISITE_MISSING',
      missing
        ? 'runtime record needs a C compiler (cc)'
        : `compiling the recorder failed: ${cause instanceof Error ? cause.message : String(cause)}`,
      { fix: 'apt-get install gcc libc6-dev', cause },
    );
  }
  return output;
}

/**
 * Where a symlinked plugin's store entry points: a link to another plugin of the dir goes to that plugin's moved
 * binary (its own place will hold a recorder), any other to its resolved target.
 */
async function storedLinkTarget(dir: string, name: string, names: readonly string[]): Promise<string> {
  const target = await realpath(join(dir, name));
  const sibling = names.find((other) => join(dir, other) === target);
  return sibling === undefined ? target : join(storeOf(dir), sibling);
}

/** Moves one plugin into the store and puts the recorder in its place (each step a single rename). */
async function wrapPlugin(dir: string, name: string, recorder: string, storedLink: string | undefined) {
  const original = join(dir, name);
  if (storedLink === undefined) await rename(original, join(storeOf(dir), name));
  else await symlink(storedLink, join(storeOf(dir), name));
  const staged = join(dir, `.${name}.recorder`);
  await copyFile(recorder, staged);
  await rename(staged, original);
}

/** Starts recording `dir` into `log`; returns the plugins wrapped. */
export async function startRecording(dirArg: string, logArg: string): Promise<string[]> {
  const [dir, log] = [resolve(dirArg), resolve(logArg)];
  const store = storeOf(dir);
  if (await exists(join(store, STATE_FILE)))
    throw new HarnessError(
      'CNI_CONFORMANCE_USAGE',
      `${dir} is already being recorded (${join(store, STATE_FILE)})`,
      {
        fix: `cni-conformance runtime record --restore ${dir}`,
      },
    );
  const names = await pluginNames(dir);
  if (names.length === 0)
    throw new HarnessError('CNI_CONFORMANCE_PLUGIN_NOT_FOUND', `no plugin in ${dir}`, {
      fix: 'give the directory the runtime runs plugins from (its CNI bin dir)',
    });
  await mkdir(store, { recursive: true });
  const plugins = await Promise.all(
    names.map(async (name) => {
      const stat = await lstat(join(dir, name));
      return stat.isSymbolicLink() ? { name, linkTarget: await readlink(join(dir, name)) } : { name };
    }),
  );
  const state: RecordState = { log, plugins };
  const recorder = await compileRecorder(store, log);
  await writeFile(join(store, STATE_FILE), `${JSON.stringify(state, null, 2)}\n`);
  await appendFile(
    log,
    `${JSON.stringify({ kind: 'recording', pluginDir: dir, plugins: names, ts: Date.now() })}\n`,
  );
  const storedLinks = await Promise.all(
    plugins.map((plugin) =>
      plugin.linkTarget === undefined ? undefined : storedLinkTarget(dir, plugin.name, names),
    ),
  );
  for (const [index, plugin] of plugins.entries())
    await wrapPlugin(dir, plugin.name, recorder, storedLinks[index]);
  return names;
}

async function readState(dir: string): Promise<RecordState> {
  const file = join(storeOf(dir), STATE_FILE);
  const text = await readFile(file, 'utf8').catch((cause: unknown) => {
    throw new HarnessError('CNI_CONFORMANCE_FILE_NOT_FOUND', `${dir} is not being recorded (no ${file})`, {
      cause,
    });
  });
  const parsed = StateSchema.safeParse(JSON.parse(text));
  if (!parsed.success)
    throw new HarnessError('CNI_CONFORMANCE_CONFIG_INVALID', `${file} is not a recorder state file`, {
      fix: `move the binaries in ${storeOf(dir)} back by hand`,
    });
  return parsed.data;
}

/** Puts every moved plugin back, whatever point a crash left the dir at; returns the plugins restored. */
export async function stopRecording(dirArg: string): Promise<string[]> {
  const dir = resolve(dirArg);
  const store = storeOf(dir);
  const state = await readState(dir);
  const restored: string[] = [];
  for (const { name, linkTarget } of state.plugins) {
    const moved = join(store, name);
    if (!(await exists(moved))) continue; // never moved: the original is still in place
    if (linkTarget === undefined) await rename(moved, join(dir, name));
    else {
      await rm(join(dir, name), { force: true });
      await symlink(linkTarget, join(dir, name));
      await unlink(moved);
    }
    restored.push(name);
  }
  for (const entry of await readdir(dir))
    if (entry.endsWith('.recorder')) await rm(join(dir, entry), { force: true });
  await rm(store, { recursive: true, force: true });
  return restored;
}
