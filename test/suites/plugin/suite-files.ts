/** Which suite files cite a requirement ID, so a proof run loads only those (seconds instead of a full collection). */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = new URL('../../..', import.meta.url).pathname;
const PLUGIN_SUITES = join(ROOT, 'suites/plugin');

function checkFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return checkFiles(path);
    return entry.name.endsWith('.check.ts') ? [path] : [];
  });
}

/** Plugin-suite files (relative to the package root) whose source cites `id` as a quoted string. */
export function suiteFilesCiting(id: string): string[] {
  return checkFiles(PLUGIN_SUITES)
    .filter((file) => readFileSync(file, 'utf8').includes(`'${id}'`))
    .map((file) => relative(ROOT, file));
}

/** Every plugin-suite file written with these tests (not the engine's env/vcmd examples). */
export function ownSuiteFiles(): string[] {
  return checkFiles(PLUGIN_SUITES)
    .map((file) => relative(ROOT, file))
    .filter((file) => !/^suites\/plugin\/(env|vcmd)\//.test(file));
}
