/**
 * Runs the built CLI (`dist/cli.js`) once and reads its JSON report: the exit code and the requirement IDs of the
 * checks that failed (verdict "fail"), warned or informed.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One check's verdict in the report. */
export interface Finding {
  readonly ids: readonly string[];
  readonly title: string;
  /** The known upstream bug the report annotates the finding with. */
  readonly knownBug?: string;
}

/** What one CLI run said. */
export interface CliVerdict {
  readonly exitCode: number | null;
  /** Requirement IDs of failed checks, with the check title. */
  readonly failures: readonly Finding[];
  /** Requirement IDs of checks that warned (level IMPL in compat, or SHOULD with --fail-on must). */
  readonly warnings: readonly Finding[];
  /** Requirement IDs of checks with an informational finding (level INFO or MAY). */
  readonly infos: readonly Finding[];
  /** Titles of every check the run selected, whatever its verdict. */
  readonly titles: readonly string[];
  readonly wallMs: number;
  /** Stderr and the tail of stdout, for assertion messages. */
  readonly output: string;
  /** Known upstream bugs of this build whose checks passed (the report's `unreproducedKnownBugs`). */
  readonly unreproducedKnownBugs: readonly string[];
}

/** One CLI invocation: the plugin, an optional config object and extra arguments. */
export interface CliRun {
  readonly root: string;
  readonly plugin: string;
  readonly config?: Readonly<Record<string, unknown>>;
  readonly args?: readonly string[];
  /** A command the CLI is started under (its argv follows), e.g. a private mount namespace. */
  readonly launcher?: readonly string[];
  /** Runs on the report dir and its checks before the dir is removed (repro scripts are only there). */
  readonly withReports?: (reportDir: string, checks: readonly ReportCheck[]) => Promise<void>;
}

/** One check of the JSON report, as far as these tests read it. */
export interface ReportCheck {
  readonly ids: string[];
  readonly title: string;
  readonly verdict: string;
  readonly knownBug?: { readonly id: string };
  /** The repro script, relative to the report dir. */
  readonly reproScript?: string;
}

interface ReportJson {
  readonly checks?: ReportCheck[];
  readonly unreproducedKnownBugs?: string[];
}

function readReport(jsonFile: string): ReportJson {
  try {
    return JSON.parse(readFileSync(jsonFile, 'utf8')) as ReportJson;
  } catch {
    return {};
  }
}

function withVerdict(checks: readonly ReportCheck[], verdict: string): Finding[] {
  return checks
    .filter((c) => c.verdict === verdict)
    .map((c) => ({ ids: c.ids, title: c.title, ...(c.knownBug ? { knownBug: c.knownBug.id } : {}) }));
}

/** Runs the CLI; never throws for what the CLI does (a `withReports` that throws rejects). */
export async function runCli(run: CliRun): Promise<CliVerdict> {
  const dir = mkdtempSync(join(tmpdir(), 'cnc-fidelity-'));
  mkdirSync(dir, { recursive: true });
  const jsonFile = join(dir, 'report.json');
  const args = [join(run.root, 'dist/cli.js'), run.plugin, '--report-dir', dir, '--json', jsonFile];
  if (run.config) {
    const configFile = join(dir, 'network.conflist');
    writeFileSync(configFile, JSON.stringify(run.config));
    args.push('--config', configFile);
  }
  args.push(...(run.args ?? []));
  const started = performance.now();
  const { exitCode, output } = await new Promise<{ exitCode: number | null; output: string }>((resolve) => {
    const [file, ...argv] = [...(run.launcher ?? []), process.execPath, ...args] as [string, ...string[]];
    const child = spawn(file, argv, { cwd: run.root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-4000);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('close', (exitCode) => resolve({ exitCode, output }));
  });
  const wallMs = performance.now() - started;
  const report = readReport(jsonFile);
  const checks = report.checks ?? [];
  const unreproducedKnownBugs = report.unreproducedKnownBugs ?? [];
  try {
    await run.withReports?.(dir, checks);
  } finally {
    // Keep the reports only when asked (they hold repro scripts for every failure).
    if (process.env.FIDELITY_KEEP_REPORTS !== '1') rmSync(dir, { recursive: true, force: true });
  }
  const failures = withVerdict(checks, 'fail');
  const [warnings, infos] = [withVerdict(checks, 'warn'), withVerdict(checks, 'info')];
  const titles = checks.map((c) => c.title);
  return { exitCode, failures, warnings, infos, titles, wallMs, output, unreproducedKnownBugs };
}

/** A gate that lets at most `limit` tasks run at once (vitest's concurrent tests share it). */
export function limiter(limit: number): <R>(task: () => Promise<R>) => Promise<R> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    // A finishing task hands its slot straight to the next waiter, so a newcomer cannot slip in between.
    if (running < limit) running++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}
