/**
 * What the docker and vagrant sandboxes share: both run this same CLI again inside (in netns mode) with its
 * reports in one directory there, then copy the reports back to the paths the user asked for.
 */
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Report files the caller wants on the host. */
export interface ReportPaths {
  readonly json: string;
  readonly junit: string;
  readonly html: string;
  /** Where repro scripts (and anything else the inner run writes) go. */
  readonly dir: string;
}

/**
 * The run options a sandboxed inner run honours, as the CLI validated them. The CLI's ResolvedRunOptions
 * extends this (narrowing the string fields to its enums), so the sandboxes need not depend on src/cli.
 */
export interface InnerRunOptions {
  readonly configFile: string | undefined;
  readonly cniPath: readonly string[];
  readonly role: string | undefined;
  readonly profile: string;
  readonly failOn: string;
  readonly versions: readonly string[] | undefined;
  readonly only: readonly string[];
  readonly skip: readonly string[];
  readonly timeoutMs: number;
  readonly parallel: number;
  readonly reportDir: string;
  readonly junitFile: string;
  readonly jsonFile: string;
  readonly htmlFile: string;
  readonly seed: number;
  readonly acceptKnown?: boolean;
}

/** The run options the CLI passes through, as flags for the inner CLI. */
export function passThroughFlags(options: {
  role?: string;
  profile?: string;
  failOn?: string;
  versions?: readonly string[] | string;
  only?: readonly string[];
  skip?: readonly string[];
  timeoutSeconds?: number;
  parallel?: number;
  seed?: number | string;
  acceptKnown?: boolean;
}): string[] {
  const flags: string[] = [];
  const add = (flag: string, value: unknown) => {
    if (value !== undefined) flags.push(flag, String(value));
  };
  add('--role', options.role);
  add('--profile', options.profile);
  add('--fail-on', options.failOn);
  add('--versions', Array.isArray(options.versions) ? options.versions.join(',') : options.versions);
  for (const id of options.only ?? []) add('--only', id);
  for (const id of options.skip ?? []) add('--skip', id);
  add('--timeout', options.timeoutSeconds);
  add('--parallel', options.parallel);
  add('--seed', options.seed);
  if (options.acceptKnown) flags.push('--accept-known');
  return flags;
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
  // As a local run does (write.ts): an earlier run's repro scripts must not sit beside this run's.
  rmSync(join(reports.dir, 'repro'), { recursive: true, force: true });
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
