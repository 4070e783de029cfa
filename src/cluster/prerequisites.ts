/**
 * What the probes need besides the sandbox prerequisites: iputils `ping` (the MTU probe sets DF with `-M do`,
 * which busybox ping lacks) and busybox (`httpd` listeners, `wget` client). A missing one is a setup error
 * naming the package, never a matrix full of failures.
 */
import { HarnessError } from '../errors.ts';
import { type HostCommandRunner, runHostCommand, runToOutcome } from '../sandbox/host-command.ts';
import { DEFAULT_PATH } from '../sandbox/host-executor.ts';
import { checkPrerequisites } from '../sandbox/prerequisites.ts';
import type { SandboxMode } from '../sandbox/sandbox.ts';

async function works(run: HostCommandRunner, argv: readonly string[], expect: RegExp): Promise<boolean> {
  const [file = 'true', ...args] = argv;
  // The PATH the sandboxes run probes with; `busybox httpd --help` exits 1, so the output decides.
  const outcome = await runToOutcome(run, file, args, { timeoutMs: 5_000, env: { PATH: DEFAULT_PATH } });
  return expect.test(`${outcome.stdout}${outcome.stderr}`);
}

const PROBE_TOOLS: readonly (readonly [readonly string[], RegExp, string])[] = [
  [
    ['ping', '-V'],
    /iputils/,
    '`ping` from iputils not found (the MTU probe needs `-M do`) — apt-get install iputils-ping',
  ],
  [
    ['busybox', 'httpd', '--help'],
    /Usage: httpd/,
    '`busybox` with httpd not found — apt-get install busybox-static',
  ],
  [['timeout', '--version'], /timeout/, '`timeout` not found — apt-get install coreutils'],
];

/**
 * Throws CNI_CONFORMANCE_PREREQUISITE_MISSING naming every missing tool, and, rootless, what keeps the kernel
 * from giving this user a user namespace (the sandboxes' own check); `run` runs the tool probes.
 */
export async function checkClusterPrerequisites(
  mode: SandboxMode,
  run: HostCommandRunner = runHostCommand,
): Promise<void> {
  const found = await Promise.all(PROBE_TOOLS.map(([argv, expect]) => works(run, argv, expect)));
  const missing = [
    ...(await checkPrerequisites({ mode })).map((problem) => problem.message),
    ...PROBE_TOOLS.filter((_, index) => !found[index]).map(([, , message]) => message),
  ];
  if (missing.length > 0) throw new HarnessError('CNI_CONFORMANCE_PREREQUISITE_MISSING', missing.join('; '));
}
