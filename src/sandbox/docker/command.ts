/**
 * The CLI's `--sandbox docker` entry: takes the already validated run options (the CLI's
 * ResolvedRunOptions extends InnerRunOptions, so this module does not depend on src/cli), runs the suites
 * in the sandbox container, prints the inner run's terminal output and returns its exit code.
 */
import { type InnerCommandIo, innerRunInputs, runInnerCommand } from '../inner-command.ts';
import type { InnerRunOptions } from '../inner-run.ts';
import { CONTAINER_REPORT_DIR } from './container.ts';
import { runInDockerSandbox } from './run.ts';

/** The run options `--sandbox docker` honours. */
export interface DockerCommandOptions extends InnerRunOptions {
  /** `--image NAME`; undefined: the locally built default sandbox image. */
  readonly image?: string;
}

/** Where the command writes. */
export type DockerCommandIo = InnerCommandIo;

/** Runs `cni-conformance [plugin] --sandbox docker …`; returns the exit code (2 when the sandbox fails). */
export async function runDockerConformance(
  plugin: string | undefined,
  options: DockerCommandOptions,
  io: DockerCommandIo,
  packageRoot: string,
): Promise<number> {
  return runInnerCommand(options, CONTAINER_REPORT_DIR, io, async () => {
    const outcome = await runInDockerSandbox({
      ...innerRunInputs(plugin, options),
      packageRoot,
      image: options.image,
    });
    return { ...outcome, banner: `docker sandbox: image ${outcome.image}, ${outcome.privilege}` };
  });
}
