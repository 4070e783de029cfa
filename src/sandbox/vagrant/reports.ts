/**
 * Reports come back from the guest as one base64 line of a gzipped tar on `vagrant ssh` stdout (vagrant
 * has no download command, and this works the same for every provider), and are copied to the paths
 * the caller asked for.
 */
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { HarnessError } from '../../errors.ts';
import { runProcess } from '../host-executor.ts';
import { quoteArgv } from './shell-quote.ts';

/** Report files the caller wants on the host (the same shape as the docker sandbox's). */
export interface ReportPaths {
  readonly json: string;
  readonly junit: string;
  readonly html: string;
  /** Where repro scripts and anything else the inner run writes go. */
  readonly dir: string;
}

/** The guest command that prints the report directory as base64 gzipped tar on one line. */
export function packReportsCommand(guestReportDir: string): string {
  return `${quoteArgv(['sudo', '-n', 'tar', '-C', guestReportDir, '-czf', '-', '.'])} | ${quoteArgv(['base64', '-w0'])}`;
}

/** Decodes the packed reports into `into` (a fresh host directory). */
export async function unpackReports(stdout: string, into: string): Promise<void> {
  const line = stdout.trim().split('\n').at(-1) ?? '';
  if (!/^[A-Za-z0-9+/=]+$/.test(line)) {
    throw new HarnessError(
      'CNI_CONFORMANCE_SANDBOX_FAILED',
      'vagrant sandbox: the guest did not send a report archive',
    );
  }
  mkdirSync(into, { recursive: true });
  const archive = join(into, '..', 'reports.tar.gz');
  writeFileSync(archive, Buffer.from(line, 'base64'));
  const outcome = await runProcess({ file: 'tar', args: ['-xzf', archive, '-C', into], env: {} });
  if (outcome.exitCode !== 0) {
    throw new HarnessError(
      'CNI_CONFORMANCE_SANDBOX_FAILED',
      `vagrant sandbox: report archive unreadable: ${outcome.stderr.trim()}`,
    );
  }
}

/** Copies report.json/junit/html to the asked paths and everything else under `reports.dir`. */
export function copyReports(from: string, reports: ReportPaths): string[] {
  mkdirSync(reports.dir, { recursive: true });
  const named: Record<string, string> = {
    'report.json': reports.json,
    'report.junit.xml': reports.junit,
    'report.html': reports.html,
  };
  const written: string[] = [];
  for (const entry of readdirSync(from, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const source = join(entry.parentPath, entry.name);
    const relative = source.slice(from.length + 1);
    const target = named[relative] ?? join(reports.dir, relative);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(source, target);
    written.push(target);
  }
  return written;
}
