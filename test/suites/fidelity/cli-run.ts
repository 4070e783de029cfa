/**
 * Runs the built CLI (`dist/cli.js`) once and reads its JSON report: the exit code and the requirement IDs of the
 * checks that failed (verdict "fail"; expected failures of pinned upstream bugs and warnings do not count).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What one CLI run said. */
export interface CliVerdict {
  readonly exitCode: number | null;
  /** Requirement IDs of failed checks, with the check title. */
  readonly failures: readonly { readonly ids: readonly string[]; readonly title: string }[];
  readonly wallMs: number;
  /** Stderr and the tail of stdout, for assertion messages. */
  readonly output: string;
}

/** One CLI invocation: the plugin, an optional config object and extra arguments. */
export interface CliRun {
  readonly root: string;
  readonly plugin: string;
  readonly config?: Readonly<Record<string, unknown>>;
  readonly args?: readonly string[];
}

interface ReportCheck {
  readonly ids: string[];
  readonly title: string;
  readonly verdict: string;
}

function readFailures(jsonFile: string): CliVerdict['failures'] {
  try {
    const report = JSON.parse(readFileSync(jsonFile, 'utf8')) as { checks?: ReportCheck[] };
    return (report.checks ?? [])
      .filter((c) => c.verdict === 'fail')
      .map((c) => ({ ids: c.ids, title: c.title }));
  } catch {
    return [];
  }
}

/** Runs the CLI; never throws for what the CLI does. */
export function runCli(run: CliRun): Promise<CliVerdict> {
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
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: run.root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-4000);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('close', (exitCode) => {
      const failures = readFailures(jsonFile);
      // Keep the reports only when asked (they hold repro scripts for every failure).
      if (process.env.FIDELITY_KEEP_REPORTS !== '1') rmSync(dir, { recursive: true, force: true });
      resolve({ exitCode, failures, wallMs: performance.now() - started, output });
    });
  });
}

/** Runs `tasks` with at most `limit` at a time, results in input order. */
export async function inPool<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
