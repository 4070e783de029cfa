/**
 * The CLI's `--sandbox vagrant` entry, shaped like `runDockerConformance`: takes the validated run
 * options (InnerRunOptions, which the CLI's ResolvedRunOptions extends), runs the suites in the VM, prints the
 * inner run's output and returns its exit code (2 when the sandbox itself fails).
 * VM knobs come from the options or, when absent, from CNI_CONFORMANCE_VAGRANT_* variables.
 */
import { join } from 'node:path';
import { HarnessError } from '../../errors.ts';
import { type InnerCommandIo, innerRunInputs, runInnerCommand } from '../inner-command.ts';
import type { InnerRunOptions } from '../inner-run.ts';
import { onPath } from '../prerequisites.ts';
import { GUEST_REPORTS, runInVagrantSandbox, type VagrantAfterRun } from './run.ts';
import { hostVagrant } from './vagrant-cli.ts';

/** The run options `--sandbox vagrant` honours. */
export interface VagrantCommandOptions extends InnerRunOptions {
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
  io: InnerCommandIo,
  packageRoot: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  return runInnerCommand(options, GUEST_REPORTS, io, async () => {
    // Usage first: a bad option is reported even where vagrant is missing.
    const after = afterRun(options.vagrantAfter ?? env.CNI_CONFORMANCE_VAGRANT_AFTER);
    if (!onPath('vagrant', env.PATH ?? '')) {
      throw new HarnessError('CNI_CONFORMANCE_PREREQUISITE_MISSING', '`vagrant` not found on PATH', {
        fix: 'install Vagrant and a provider (Debian: apt-get install vagrant vagrant-libvirt; see vagrant/README.md)',
      });
    }
    const netns = options.vagrantNetns ?? env.CNI_CONFORMANCE_VAGRANT_NETNS;
    const provider = options.vagrantProvider ?? env.CNI_CONFORMANCE_VAGRANT_PROVIDER;
    const outcome = await runInVagrantSandbox({
      ...innerRunInputs(plugin, options),
      packageRoot,
      machine: options.vagrantMachine ?? env.CNI_CONFORMANCE_VAGRANT_MACHINE ?? 'debian12',
      ...(provider ? { provider } : {}),
      after,
      vagrant: hostVagrant({
        vagrantDir: join(packageRoot, 'vagrant'),
        ...(netns ? { prefix: ['ip', 'netns', 'exec', netns] } : {}),
      }),
    });
    const banner = `vagrant sandbox: machine ${outcome.machine}${outcome.reused ? ' (reused)' : ''}`;
    return { ...outcome, banner };
  });
}
