/** Runs the built CLI (dist/cli.js) the way a user does, building it first when sources are newer. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';

export const ROOT = new URL('../..', import.meta.url).pathname;
export const CLI = join(ROOT, 'dist/cli.js');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds dist/cli.js unless it is newer than every file under src/. */
export function ensureBuilt(): void {
  if (existsSync(CLI) && statSync(CLI).mtimeMs >= newestMtime(join(ROOT, 'src'))) return;
  execFileSync('node', [join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, stdio: 'ignore' });
}

/** A fresh working directory (reports land in its reports/). */
export function scratchDir(): string {
  return mkdtempSync(join(tmpdir(), 'cni-conformance-e2e-'));
}

/** Runs the CLI; never rejects. */
export async function runCli(args: readonly string[], cwd: string, env: Record<string, string> = {}) {
  const result = await execa('node', [CLI, ...args], {
    cwd,
    reject: false,
    timeout: 120_000,
    env: { NO_COLOR: '1', ...env },
  });
  return { exitCode: result.exitCode, stdout: String(result.stdout), stderr: String(result.stderr) };
}
