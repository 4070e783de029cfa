/**
 * `--sandbox vagrant`: the whole CLI runs again inside a VM with `--sandbox netns`, so suites, sandboxes
 * and verdicts are exactly the netns mode's; only the kernel and distro change. Steps, all through the
 * `vagrant` CLI: status → up (unless running) → upload the payload → unpack → run over `vagrant ssh`
 * → fetch reports → halt/destroy as asked.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HarnessError } from '../../errors.ts';
import { copyReports, innerCliArgs, type ReportPaths } from '../inner-run.ts';
import type { ProcessOutcome } from '../process.ts';
import { buildPayload, GUEST_ROOT, type GuestLayout, guestLayout, type PayloadSources } from './payload.ts';
import { packReportsCommand, unpackReports } from './reports.ts';
import { quoteArgv, quoteSteps } from './shell-quote.ts';
import { isRunning, parseMachineStates } from './status.ts';
import { describeFailure, type VagrantRunner } from './vagrant-cli.ts';

/** What to do with the VM afterwards. */
export type VagrantAfterRun = 'keep' | 'halt' | 'destroy';

/** One VM-sandboxed run. All host paths are absolute. */
export interface VagrantSuiteRun extends Omit<PayloadSources, 'nodeBinary'> {
  /** Flags passed through unchanged to the inner CLI (role, profile, versions, only, skip…). */
  readonly flags: readonly string[];
  readonly reports: ReportPaths;
  /** Machine name in the Vagrantfile's matrix ("debian12", "ubuntu2404", "fedora", "local"). */
  readonly machine: string;
  readonly provider?: string;
  readonly after: VagrantAfterRun;
  readonly vagrant: VagrantRunner;
  /** The node binary to ship into the guest. @defaultValue process.execPath */
  readonly nodeBinary?: string;
  /** Host scratch directory (payload, unpacked reports); created and removed when absent. */
  readonly workDir?: string;
  /** Builds the upload archive; the recorded-transcript test swaps it out. @defaultValue buildPayload */
  readonly buildPayload?: (sources: PayloadSources, archive: string) => Promise<string>;
  /** Whole-suite timeout inside the guest. @defaultValue 3_600_000 */
  readonly runTimeoutMs?: number;
}

/** What happened. */
export interface VagrantSuiteOutcome {
  /** The inner CLI's exit code (0 pass, 1 a check failed, 2 setup/usage). */
  readonly exitCode: number;
  readonly output: string;
  readonly machine: string;
  /** True when the VM was already running and was reused. */
  readonly reused: boolean;
  readonly reportFiles: readonly string[];
}

const GUEST_PAYLOAD = '/tmp/cni-conformance-payload.tar.gz';
/** Where the inner run writes its reports in the guest. */
export const GUEST_REPORTS = `${GUEST_ROOT}/reports`;
const UP_TIMEOUT_MS = 1_200_000;

function failed(what: string, cause?: unknown): HarnessError {
  return new HarnessError('CNI_CONFORMANCE_SANDBOX_FAILED', `vagrant sandbox: ${what}`, {
    fix: 'see vagrant/README.md (box, provider, libvirt in a namespace) or use --sandbox netns',
    cause,
  });
}

async function must(vagrant: VagrantRunner, args: string[], timeoutMs?: number): Promise<ProcessOutcome> {
  const outcome = await vagrant(args, timeoutMs === undefined ? {} : { timeoutMs });
  if (outcome.exitCode !== 0) throw failed(describeFailure(args, outcome));
  return outcome;
}

async function machineState(run: VagrantSuiteRun): Promise<string> {
  const outcome = await must(run.vagrant, ['status', run.machine, '--machine-readable']);
  const parsed = parseMachineStates(outcome.stdout);
  if (!parsed.ok) throw failed(`unreadable status: ${parsed.issues.map((issue) => issue.reason).join('; ')}`);
  const found = parsed.value.find((entry) => entry.machine === run.machine);
  if (!found) throw failed(`machine "${run.machine}" is not defined in the Vagrantfile`);
  return found.state;
}

/** The inner CLI's argv in the guest, run as root from the package root. */
export function innerArgv(run: VagrantSuiteRun, guest: GuestLayout): string[] {
  return [
    'sudo',
    '-n',
    guest.node,
    `${guest.packageRoot}/dist/cli.js`,
    ...innerCliArgs(guest, run.flags, GUEST_REPORTS),
  ];
}

async function syncPayload(run: VagrantSuiteRun, workDir: string): Promise<GuestLayout> {
  const sources: PayloadSources = { ...run, nodeBinary: run.nodeBinary ?? process.execPath };
  const archive = await (run.buildPayload ?? buildPayload)(sources, join(workDir, 'payload.tar'));
  await must(run.vagrant, ['upload', archive, GUEST_PAYLOAD, run.machine], UP_TIMEOUT_MS);
  const unpack = quoteSteps([
    ['sudo', '-n', 'rm', '-rf', GUEST_ROOT],
    ['mkdir', '-p', GUEST_ROOT],
    ['tar', '-xzf', GUEST_PAYLOAD, '-C', GUEST_ROOT],
    ['rm', '-f', GUEST_PAYLOAD],
  ]);
  await must(run.vagrant, ['ssh', run.machine, '-c', unpack], UP_TIMEOUT_MS);
  return guestLayout(sources);
}

async function runSuites(run: VagrantSuiteRun, guest: GuestLayout, workDir: string) {
  const command = `cd ${quoteArgv([guest.packageRoot])} && ${quoteArgv(innerArgv(run, guest))}`;
  const args = ['ssh', run.machine, '-c', command];
  const outcome = await run.vagrant(args, { timeoutMs: run.runTimeoutMs ?? 3_600_000 });
  if (outcome.exitCode === null || outcome.exitCode > 2) throw failed(describeFailure(args, outcome));
  const packed = await must(run.vagrant, ['ssh', run.machine, '-c', packReportsCommand(GUEST_REPORTS)]);
  const unpacked = join(workDir, 'reports');
  await unpackReports(packed.stdout, unpacked);
  return {
    exitCode: outcome.exitCode,
    output: outcome.stdout + outcome.stderr,
    reportFiles: copyReports(unpacked, run.reports),
  };
}

async function finish(run: VagrantSuiteRun): Promise<void> {
  if (run.after === 'halt') await must(run.vagrant, ['halt', run.machine], UP_TIMEOUT_MS);
  if (run.after === 'destroy') await must(run.vagrant, ['destroy', '--force', run.machine], UP_TIMEOUT_MS);
}

/** Brings the VM up (or reuses it), runs the suites inside and copies the reports back. */
export async function runInVagrantSandbox(run: VagrantSuiteRun): Promise<VagrantSuiteOutcome> {
  const workDir = run.workDir ?? mkdtempSync(join(tmpdir(), 'cni-conformance-vagrant-'));
  mkdirSync(workDir, { recursive: true });
  try {
    const reused = isRunning(await machineState(run));
    let result: Awaited<ReturnType<typeof runSuites>>;
    try {
      if (!reused) {
        const provider = run.provider ? ['--provider', run.provider] : [];
        await must(run.vagrant, ['up', run.machine, ...provider], UP_TIMEOUT_MS);
      }
      result = await runSuites(run, await syncPayload(run, workDir), workDir);
    } catch (error) {
      await finish(run).catch(() => undefined); // the first failure is the one worth reporting
      throw error;
    }
    await finish(run);
    return { ...result, machine: run.machine, reused };
  } finally {
    if (!run.workDir) rmSync(workDir, { recursive: true, force: true });
  }
}
