/** Writes every report of a run: repro scripts, JSON, JUnit and HTML. */
import { chmod, mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { renderHtml } from './html.ts';
import { renderJunit } from './junit.ts';
import type { CheckRecord, ReportModel } from './model.ts';
import { renderRepro, reproFileName } from './repro.ts';

/** Where the reports go (absolute paths). */
export interface ReportPaths {
  readonly reportDir: string;
  readonly junitFile: string;
  readonly jsonFile: string;
  readonly htmlFile: string;
}

/** Gives each failed check with a transcript its repro script path (relative to the report dir). */
export function assignReproScripts(checks: readonly CheckRecord[]): CheckRecord[] {
  return checks.map((check) =>
    check.outcome === 'failed' && check.transcript.length > 0
      ? { ...check, reproScript: join('repro', reproFileName(check)) }
      : check,
  );
}

async function writeText(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, text);
}

/** Writes all reports; the repro dir is replaced so stale scripts from an earlier run do not linger. */
export async function writeReports(model: ReportModel, paths: ReportPaths): Promise<void> {
  const reproDir = join(paths.reportDir, 'repro');
  await rm(reproDir, { recursive: true, force: true });
  for (const check of model.checks) {
    if (!check.reproScript) continue;
    const file = join(paths.reportDir, check.reproScript);
    await writeText(file, renderRepro(check, model.tool.version));
    await chmod(file, 0o755);
  }
  await writeText(paths.jsonFile, `${JSON.stringify(model, null, 2)}\n`);
  await writeText(paths.junitFile, renderJunit(model));
  await writeText(
    paths.htmlFile,
    renderHtml(model, { reportDirHref: relative(dirname(paths.htmlFile), paths.reportDir) }),
  );
}
