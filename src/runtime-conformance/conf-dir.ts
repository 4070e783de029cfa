/**
 * The networks of a runtime's conf dir, as raw JSON objects the judge builds its expectations from, for a log that
 * has no scenario line (`runtime judge LOG --conf-dir DIR`): `.conflist` files, and single-plugin `.conf`/`.json`
 * files, which the judge upconverts as libcni does. Sibling-dir plugin configs are appended to their list.
 */
import { readdir, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { HarnessError } from '../errors.ts';

type Json = Record<string, unknown>;

async function readJson(file: string): Promise<Json> {
  const text = await readFile(file, 'utf8');
  try {
    const value: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Json;
  } catch {
    // reported below
  }
  throw new HarnessError('CNI_CONFORMANCE_CONFIG_INVALID', `${file} is not a JSON object`, {
    fix: 'fix the file or move it out of the conf dir',
  });
}

async function namesIn(dir: string, extensions: readonly string[]): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names.filter((name) => extensions.includes(extname(name))).sort();
}

/** Every network in `dir`, in libcni's file order; a list's `<dir>/<name>/*.conf` plugins are appended. */
export async function readConfDir(dir: string): Promise<Json[]> {
  const names = await readdir(dir).catch((cause: unknown) => {
    throw new HarnessError('CNI_CONFORMANCE_FILE_NOT_FOUND', `conf dir ${dir} cannot be read`, { cause });
  });
  const networks: Json[] = [];
  for (const name of names.filter((n) => ['.conflist', '.conf', '.json'].includes(extname(n))).sort()) {
    const config = await readJson(join(dir, name));
    if (!Array.isArray(config.plugins) || config.loadOnlyInlinedPlugins === true) {
      networks.push(config);
      continue;
    }
    const sibling = join(dir, String(config.name ?? ''));
    const aggregated = await Promise.all(
      (await namesIn(sibling, ['.conf'])).map((file) => readJson(join(sibling, file))),
    );
    networks.push({ ...config, plugins: [...config.plugins, ...aggregated] });
  }
  return networks;
}
