/**
 * What the docker and vagrant sandboxes share: both run this same CLI again inside (in netns mode) with its
 * reports in one directory there, then copy the reports back to the paths the user asked for.
 */
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Report files the caller wants on the host. */
export interface ReportPaths {
  readonly json: string;
  readonly junit: string;
  readonly html: string;
  /** Where repro scripts (and anything else the inner run writes) go. */
  readonly dir: string;
}

/** What the inner run tests, as paths valid inside the container or VM. */
export interface InnerTarget {
  readonly pluginPath?: string | undefined;
  readonly configFile?: string | undefined;
  readonly cniPath: readonly string[];
}

/** The inner run's report file names, and which of the caller's paths each lands on. */
const REPORT_FILES = { 'report.json': 'json', 'report.junit.xml': 'junit', 'report.html': 'html' } as const;

/** The inner CLI's arguments after `node dist/cli.js`: the target, the pass-through flags, netns mode, reports. */
export function innerCliArgs(target: InnerTarget, flags: readonly string[], reportDir: string): string[] {
  const args: string[] = [];
  if (target.pluginPath) args.push(target.pluginPath);
  if (target.configFile) args.push('--config', target.configFile);
  if (target.cniPath.length > 0) args.push('--cni-path', target.cniPath.join(':'));
  args.push(...flags, '--sandbox', 'netns', '--report-dir', reportDir);
  const file = (name: keyof typeof REPORT_FILES) => `${reportDir}/${name}`;
  args.push(
    '--json',
    file('report.json'),
    '--junit',
    file('report.junit.xml'),
    '--html',
    file('report.html'),
  );
  return args;
}

/** Copies the inner run's reports to the asked paths and everything else under `reports.dir`; returns the targets. */
export function copyReports(from: string, reports: ReportPaths): string[] {
  mkdirSync(reports.dir, { recursive: true });
  const written: string[] = [];
  for (const entry of readdirSync(from, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const source = join(entry.parentPath, entry.name);
    const relative = source.slice(from.length + 1);
    const named = REPORT_FILES[relative as keyof typeof REPORT_FILES];
    const target = named ? reports[named] : join(reports.dir, relative);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(source, target);
    written.push(target);
  }
  return written;
}
