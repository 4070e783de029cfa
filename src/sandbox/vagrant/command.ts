/**
 * The CLI's `--sandbox vagrant` entry, shaped like `runDockerConformance`: takes the validated run
 * options (a structural subset of the CLI's ResolvedRunOptions), runs the suites in the VM, prints the
 * inner run's output and returns its exit code (2 when the sandbox itself fails).
 * VM knobs come from the options or, when absent, from CNI_CONFORMANCE_VAGRANT_* variables.
 */
import { join, resolve } from 'node:path';
import { HarnessError, isHarnessError } from '../../errors.ts';
import type { DockerCommandIo, DockerCommandOptions } from '../docker/command.ts';
import { passThroughFlags } from '../docker/run.ts';
import { runInVagrantSandbox, type VagrantAfterRun } from './run.ts';
import { hostVagrant } from './vagrant-cli.ts';

/** The run options `--sandbox vagrant` honours. */
export interface VagrantCommandOptions extends Omit<DockerCommandOptions, 'image'> {
  /** Machine in vagrant/Vagrantfile. @defaultValue $CNI_CONFORMANCE_VAGRANT_MACHINE ?? "debian12" */
  readonly vagrantMachine?: string;
  /** @defaultValue $CNI_CONFORMANCE_VAGRANT_PROVIDER (else vagrant's own default) */
  readonly vagrantProvider?: string;
  /** @defaultValue $CNI_CONFORMANCE_VAGRANT_AFTER ?? "keep" */
  readonly vagrantAfter?: string;
  /** Run vagrant inside this network namespace (see vagrant/libvirt-netns.sh). @defaultValue $CNI_CONFORMANCE_VAGRANT_NETNS */
  readonly vagrantNetns?: string;
}

const AFTER: readonly VagrantAfterRun[] = ['keep', 'halt', 'destroy'];

function afterRun(raw: string | undefined): VagrantAfterRun {
  const value = raw ?? 'keep';
  if ((AFTER as readonly string[]).includes(value)) return value as VagrantAfterRun;
  throw new HarnessError(
    'CNI_CONFORMANCE_USAGE',
    `vagrant: after-run must be one of ${AFTER.join('|')}, got "${value}"`,
  );
}

/** Runs `cni-conformance [plugin] --sandbox vagrant …`; returns the exit code. */
export async function runVagrantConformance(
  plugin: string | undefined,
  options: VagrantCommandOptions,
  io: DockerCommandIo,
  packageRoot: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  try {
    const netns = options.vagrantNetns ?? env.CNI_CONFORMANCE_VAGRANT_NETNS;
    const provider = options.vagrantProvider ?? env.CNI_CONFORMANCE_VAGRANT_PROVIDER;
    const outcome = await runInVagrantSandbox({
      pluginPath: plugin === undefined ? undefined : resolve(plugin),
      configFile: options.configFile,
      cniPath: options.cniPath,
      flags: passThroughFlags({ ...options, timeoutSeconds: options.timeoutMs / 1000 }),
      packageRoot,
      reports: {
        json: options.jsonFile,
        junit: options.junitFile,
        html: options.htmlFile,
        dir: options.reportDir,
      },
      machine: options.vagrantMachine ?? env.CNI_CONFORMANCE_VAGRANT_MACHINE ?? 'debian12',
      ...(provider ? { provider } : {}),
      after: afterRun(options.vagrantAfter ?? env.CNI_CONFORMANCE_VAGRANT_AFTER),
      vagrant: hostVagrant({
        vagrantDir: join(packageRoot, 'vagrant'),
        ...(netns ? { prefix: ['ip', 'netns', 'exec', netns] } : {}),
      }),
    });
    io.stderr.write(`vagrant sandbox: machine ${outcome.machine}${outcome.reused ? ' (reused)' : ''}\n`);
    const hostReports = `reports: ${options.junitFile}, ${options.jsonFile}, ${options.htmlFile}`;
    io.stdout.write(outcome.output.replace(/^reports: \/tmp\/cni-conformance\/reports\/.*$/m, hostReports));
    return outcome.exitCode;
  } catch (error) {
    const message = isHarnessError(error) ? `${error.code}: ${error.message}` : String(error);
    io.stderr.write(`error: ${message}\n`);
    return 2;
  }
}
