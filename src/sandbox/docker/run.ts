/**
 * `--sandbox docker`: the whole CLI runs again inside the sandbox container with `--sandbox netns`, so
 * the suites, sandboxes and verdicts are exactly the netns mode's; only where the kernel objects live
 * changes. Reports are written to a mounted directory and copied to the paths the caller asked for.
 */
import { existsSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { HarnessError } from '../../errors.ts';
import { copyReports, innerCliArgs, type ReportPaths } from '../inner-run.ts';
import { CONTAINER_REPORT_DIR, type PrivilegeMode, startSandboxContainer } from './container.ts';
import { type DockerCli, dockerCli, probeEngine } from './engine.ts';
import { ensureSandboxImage } from './images.ts';

// The inner-run pieces docker's callers have always imported from here.
export { passThroughFlags, type ReportPaths } from '../inner-run.ts';

/** One docker-sandboxed run. All host paths are absolute. */
export interface DockerSuiteRun {
  /** The plugin; undefined runs the shipped reference bridge, as the CLI does. */
  readonly pluginPath?: string;
  readonly configFile?: string;
  readonly cniPath: readonly string[];
  /** Flags passed through unchanged (see {@link passThroughFlags}). */
  readonly flags: readonly string[];
  readonly reports: ReportPaths;
  /** The package root holding dist/cli.js (mounted read-only). */
  readonly packageRoot: string;
  /** An image with iproute2, iptables, util-linux and a glibc for the host's node; default: built locally. */
  readonly image?: string;
  /** Whole-suite timeout of the inner run. @defaultValue 3_600_000 */
  readonly runTimeoutMs?: number;
  /** The docker CLI; a test hands in one on a fake runner. @defaultValue dockerCli() */
  readonly docker?: DockerCli;
}

/** What happened. */
export interface DockerSuiteOutcome {
  /** The inner CLI's exit code (0 pass, 1 a check failed, 2 setup/usage). */
  readonly exitCode: number;
  /** The inner CLI's terminal output. */
  readonly output: string;
  readonly image: string;
  readonly privilege: PrivilegeMode;
}

/** Where the host's node binary appears in a user-supplied image. */
const NODE_IN_IMAGE = '/opt/cni-conformance/node';

function innerArgv(run: DockerSuiteRun, node: string): string[] {
  return [node, join(run.packageRoot, 'dist/cli.js'), ...innerCliArgs(run, run.flags, CONTAINER_REPORT_DIR)];
}

/**
 * The harness and the modules it loads: the package root, its node_modules wherever a link points, and
 * the node_modules it is installed in (an installed package's dependencies are its siblings).
 */
export function harnessPaths(packageRoot: string): string[] {
  const paths = [packageRoot, realpathSync(packageRoot)];
  const own = join(packageRoot, 'node_modules');
  if (existsSync(own)) paths.push(realpathSync(own));
  const installedIn = packageRoot.lastIndexOf('/node_modules/');
  if (installedIn >= 0) paths.push(packageRoot.slice(0, installedIn + '/node_modules'.length));
  return paths;
}

async function requireEngine(cli: DockerCli): Promise<void> {
  const engine = await probeEngine(cli);
  if (!engine.reachable) {
    throw new HarnessError('CNI_CONFORMANCE_PREREQUISITE_MISSING', engine.reason, {
      fix: 'run scripts/ci/docker.sh (installs docker.io, starts dockerd) or use --sandbox netns',
    });
  }
}

/** Runs the suites inside a sandbox container and copies its reports to the host. */
export async function runInDockerSandbox(run: DockerSuiteRun): Promise<DockerSuiteOutcome> {
  const cli = run.docker ?? dockerCli();
  await requireEngine(cli);
  const image = run.image ?? (await ensureSandboxImage());
  const reportDir = mkdtempSync(join(tmpdir(), 'cni-conformance-docker-reports-'));
  const pluginDirs = [run.pluginPath, run.configFile].flatMap((path) => (path ? [dirname(path)] : []));
  const readOnlyPaths = [...harnessPaths(run.packageRoot), ...pluginDirs, ...run.cniPath];
  const failed = (error: unknown) => {
    const why = error instanceof Error ? error.message : String(error);
    return new HarnessError('CNI_CONFORMANCE_SANDBOX_FAILED', `docker sandbox: ${why}`, { cause: error });
  };
  try {
    const container = await startSandboxContainer(
      {
        image,
        readOnlyPaths,
        reportDir,
        mountHostSystem: run.image === undefined,
        extraBinds: run.image ? [{ source: process.execPath, target: NODE_IN_IMAGE }] : [],
      },
      cli,
    ).catch((error: unknown) => {
      throw failed(error);
    });
    try {
      const node = run.image ? NODE_IN_IMAGE : process.execPath;
      const result = await container
        .exec(innerArgv(run, node), { workingDir: run.packageRoot, timeoutMs: run.runTimeoutMs ?? 3_600_000 })
        .catch((error: unknown) => {
          throw failed(error);
        });
      copyReports(reportDir, run.reports);
      return { exitCode: result.exitCode, output: result.output, image, privilege: container.privilege };
    } finally {
      await container.remove();
    }
  } finally {
    rmSync(reportDir, { recursive: true, force: true });
  }
}
