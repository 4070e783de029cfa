/**
 * What the probes need besides the sandbox prerequisites: iputils `ping` (the MTU probe sets DF with `-M do`,
 * which busybox ping lacks) and busybox (`httpd` listeners, `wget` client). A missing one is a setup error
 * naming the package, never a matrix full of failures.
 */
import { spawnSync } from 'node:child_process';
import { HarnessError } from '../errors.ts';
import { DEFAULT_PATH } from '../sandbox/host-executor.ts';
import { checkPrerequisites } from '../sandbox/prerequisites.ts';

function works(argv: readonly string[], expect: RegExp): boolean {
  const [file = 'true', ...args] = argv;
  // The PATH the sandboxes run probes with.
  const run = spawnSync(file, args, { encoding: 'utf8', timeout: 5_000, env: { PATH: DEFAULT_PATH } });
  return expect.test(`${run.stdout ?? ''}${run.stderr ?? ''}`);
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

/** Throws CNI_CONFORMANCE_PREREQUISITE_MISSING with the first missing tool. */
export async function checkClusterPrerequisites(): Promise<void> {
  const missing = [
    ...(await checkPrerequisites({ mode: 'root' })).map((problem) => problem.message),
    ...PROBE_TOOLS.filter(([argv, expect]) => !works(argv, expect)).map(([, , message]) => message),
  ];
  if (missing.length > 0) throw new HarnessError('CNI_CONFORMANCE_PREREQUISITE_MISSING', missing.join('; '));
}
