/**
 * What the CLI's `--sandbox docker` and `--sandbox vagrant` entries share around their sandbox: the run
 * options turned into the inner run's inputs, and the inner run's output shown with the host's report paths.
 */
import { resolve } from 'node:path';
import { isHarnessError } from '../errors.ts';
import { type InnerRunOptions, passThroughFlags, type ReportPaths } from './inner-run.ts';

/** Where a sandbox command writes. */
export interface InnerCommandIo {
  readonly stdout: { write(text: string): void };
  readonly stderr: { write(text: string): void };
}

/** The host-side inputs every sandboxed run takes, derived from the CLI's plugin argument and options. */
export interface InnerRunInputs {
  readonly pluginPath: string | undefined;
  readonly configFile: string | undefined;
  readonly cniPath: readonly string[];
  readonly flags: readonly string[];
  readonly reports: ReportPaths;
}

/** What a sandbox reports back to its CLI entry. */
export interface InnerCommandOutcome {
  readonly exitCode: number;
  /** The inner CLI's terminal output. */
  readonly output: string;
  /** One line for stderr saying where the run happened ("docker sandbox: image …"). */
  readonly banner: string;
}

/** The plugin, config, flags and report paths a sandboxed run of `cni-conformance [plugin] …` needs. */
export function innerRunInputs(plugin: string | undefined, options: InnerRunOptions): InnerRunInputs {
  return {
    pluginPath: plugin === undefined ? undefined : resolve(plugin),
    configFile: options.configFile,
    cniPath: options.cniPath,
    flags: passThroughFlags({ ...options, timeoutSeconds: options.timeoutMs / 1000 }),
    reports: {
      json: options.jsonFile,
      junit: options.junitFile,
      html: options.htmlFile,
      dir: options.reportDir,
    },
  };
}

/**
 * Runs one sandboxed run for a CLI entry: prints its banner and output and returns its exit code, or
 * prints a one-line error and returns 2 when the sandbox itself fails. The inner run names its reports
 * by their paths in the sandbox (under `innerReportDir`); that line is rewritten to the host copies.
 */
export async function runInnerCommand(
  options: InnerRunOptions,
  innerReportDir: string,
  io: InnerCommandIo,
  run: () => Promise<InnerCommandOutcome>,
): Promise<number> {
  try {
    const outcome = await run();
    io.stderr.write(`${outcome.banner}\n`);
    const hostReports = `reports: ${options.junitFile}, ${options.jsonFile}, ${options.htmlFile}`;
    io.stdout.write(outcome.output.replace(reportsLine(innerReportDir), hostReports));
    return outcome.exitCode;
  } catch (error) {
    const message = isHarnessError(error) ? `${error.code}: ${error.message}` : String(error);
    io.stderr.write(`error: ${message}\n`);
    return 2;
  }
}

/** The inner run's `reports: <dir>/…` summary line. */
function reportsLine(innerReportDir: string): RegExp {
  const escaped = innerReportDir.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return new RegExp(`^reports: ${escaped}/.*$`, 'm');
}
