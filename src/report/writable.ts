/**
 * Whether this process can write its reports, checked before the run starts: a reports dir left by a root
 * run is the usual culprit, and finding out after minutes of checks (as `EACCES … rmdir`) helps nobody.
 */
import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ReportPaths } from './write.ts';

function ownerName(uid: number): string {
  const passwd = existsSync('/etc/passwd') ? readFileSync('/etc/passwd', 'utf8') : '';
  const entry = passwd.split('\n').find((line) => line.split(':')[2] === String(uid));
  return `${entry?.split(':')[0] ?? 'unknown user'} (uid ${uid})`;
}

function writable(path: string, mode: number): boolean {
  try {
    accessSync(path, mode);
    return true;
  } catch {
    return false;
  }
}

/** The path that blocks writing `target` (itself, or the nearest existing directory above it), if any. */
function blocker(target: string, isDir: boolean): string | undefined {
  if (existsSync(target)) {
    const mode = isDir ? constants.W_OK | constants.X_OK : constants.W_OK;
    return writable(target, mode) ? undefined : target;
  }
  let parent = dirname(target);
  while (!existsSync(parent) && parent !== dirname(parent)) parent = dirname(parent);
  return writable(parent, constants.W_OK | constants.X_OK) ? undefined : parent;
}

/** One line naming the path, its owner and the fix when the reports cannot be written; else undefined. */
export function reportsWriteProblem(paths: ReportPaths): string | undefined {
  const targets: [string, boolean][] = [
    [paths.reportDir, true],
    // The repro dir is replaced on every run: its entries must be removable.
    [join(paths.reportDir, 'repro'), true],
    ...[paths.jsonFile, paths.junitFile, paths.htmlFile].map((file): [string, boolean] => [file, false]),
  ];
  for (const [target, isDir] of targets) {
    const blocked = blocker(target, isDir);
    if (blocked === undefined) continue;
    const owner = ownerName(statSync(blocked).uid);
    const me = process.getuid?.() ?? 'unknown';
    return `cannot write reports: ${blocked} is owned by ${owner} and not writable by uid ${me} — remove it (as its owner: rm -rf '${blocked}'), chown it to yourself, or pass --report-dir <a directory you can write>`;
  }
  return undefined;
}
