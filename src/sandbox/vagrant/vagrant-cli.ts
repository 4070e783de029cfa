/**
 * The `vagrant` CLI as the driver sees it: one function from argv to outcome. The host runner execs the
 * real binary through the host-command seam (../host-command.ts), optionally behind a prefix such as
 * `ip netns exec <ns>` so vagrant, libvirt and ssh live in a namespace the harness created; the recording
 * and replaying runners in transcript.ts wrap the same seam, so the driver is tested against a recorded
 * transcript where no VM can boot.
 */
import { type HostCommandRunner, runHostCommand, runToOutcome } from '../host-command.ts';
import type { ProcessOutcome } from '../process.ts';

/** Per-call options. */
export interface VagrantCallOptions {
  /** @defaultValue 120_000 */
  readonly timeoutMs?: number;
}

/** Runs `vagrant <args>`; never throws for what vagrant does. */
export type VagrantRunner = (
  args: readonly string[],
  options?: VagrantCallOptions,
) => Promise<ProcessOutcome>;

/** Where and how the real vagrant runs. */
export interface HostVagrantOptions {
  /** Directory holding the Vagrantfile (exported as VAGRANT_CWD). */
  readonly vagrantDir: string;
  /** argv run before `vagrant`, e.g. `["ip", "netns", "exec", "cnct-vagrant"]`. */
  readonly prefix?: readonly string[];
  /** Extra environment (VAGRANT_HOME, VAGRANT_DEFAULT_PROVIDER, CNI_CONFORMANCE_BOX_*…). */
  readonly env?: Readonly<Record<string, string>>;
  /** Runs the host command; a test hands in a fake. @defaultValue runHostCommand */
  readonly runner?: HostCommandRunner;
}

const DEFAULT_CALL_TIMEOUT_MS = 120_000;

/** The caller's variables vagrant and its providers read; nothing else leaks in. */
const PASSED_THROUGH = [
  'PATH',
  'HOME',
  'VAGRANT_HOME',
  'VAGRANT_DOTFILE_PATH',
  'VAGRANT_DEFAULT_PROVIDER',
  'LIBVIRT_DEFAULT_URI',
];
const VAGRANTFILE_KNOB = /^CNI_CONFORMANCE_(BOX_|VAGRANT_|PLUGIN$)/;

function vagrantEnv(options: HostVagrantOptions): Record<string, string> {
  const env: Record<string, string> = {};
  for (const key of PASSED_THROUGH) {
    const value = process.env[key];
    if (value !== undefined) env[key] = value;
  }
  for (const [key, value] of Object.entries(process.env)) {
    // The Vagrantfile's knobs: box overrides, libvirt driver, memory, plugin to provision.
    if (VAGRANTFILE_KNOB.test(key) && value !== undefined) env[key] = value;
  }
  return { ...env, ...options.env, VAGRANT_CWD: options.vagrantDir, VAGRANT_NO_COLOR: '1' };
}

/** A runner for the real `vagrant` binary on this host. */
export function hostVagrant(options: HostVagrantOptions): VagrantRunner {
  const env = vagrantEnv(options);
  const runner = options.runner ?? runHostCommand;
  const [file = 'vagrant', ...prefixArgs] = [...(options.prefix ?? []), 'vagrant'];
  return (args, call = {}) =>
    runToOutcome(runner, file, [...prefixArgs, ...args], {
      env,
      timeoutMs: call.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS,
    });
}

/** One line naming a failed vagrant call and why, for error messages. */
export function describeFailure(args: readonly string[], outcome: ProcessOutcome): string {
  const why =
    outcome.spawnError ??
    (outcome.timedOut ? 'timed out' : outcome.stderr.trim().split('\n').slice(-3).join(' / ')) ??
    '';
  return `vagrant ${args.join(' ')} failed (exit ${outcome.exitCode}): ${why || 'no output'}`;
}
