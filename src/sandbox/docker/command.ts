/**
 * The CLI's `--sandbox docker` entry: takes the already validated run options (a structural subset of
 * the CLI's ResolvedRunOptions, so this module does not depend on src/cli), runs the suites in the
 * sandbox container, prints the inner run's terminal output and returns its exit code.
 */
import { resolve } from 'node:path';
import { isHarnessError } from '../../errors.ts';
import { passThroughFlags, runInDockerSandbox } from './run.ts';

/** The run options `--sandbox docker` honours. */
export interface DockerCommandOptions {
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
  /** `--image NAME`; undefined: the locally built default sandbox image. */
  readonly image?: string;
}

/** Where the command writes. */
export interface DockerCommandIo {
  readonly stdout: { write(text: string): void };
  readonly stderr: { write(text: string): void };
}

/** Runs `cni-conformance [plugin] --sandbox docker …`; returns the exit code (2 when the sandbox fails). */
export async function runDockerConformance(
  plugin: string | undefined,
  options: DockerCommandOptions,
  io: DockerCommandIo,
  packageRoot: string,
): Promise<number> {
  const flags = passThroughFlags({
    ...options,
    timeoutSeconds: options.timeoutMs / 1000,
  });
  try {
    const outcome = await runInDockerSandbox({
      pluginPath: plugin === undefined ? undefined : resolve(plugin),
      configFile: options.configFile,
      cniPath: options.cniPath,
      flags,
      packageRoot,
      image: options.image,
      reports: {
        json: options.jsonFile,
        junit: options.junitFile,
        html: options.htmlFile,
        dir: options.reportDir,
      },
    });
    io.stderr.write(`docker sandbox: image ${outcome.image}, ${outcome.privilege}\n`);
    // The inner run names its reports by their container paths; the host copies are what the user asked for.
    const hostReports = `reports: ${options.junitFile}, ${options.jsonFile}, ${options.htmlFile}`;
    io.stdout.write(outcome.output.replace(/^reports: \/cni-conformance-reports\/.*$/m, hostReports));
    return outcome.exitCode;
  } catch (error) {
    const message = isHarnessError(error) ? `${error.code}: ${error.message}` : String(error);
    io.stderr.write(`error: ${message}\n`);
    return 2;
  }
}
