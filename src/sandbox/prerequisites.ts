/**
 * What a sandbox needs from the machine. Each problem is one line naming the fix; the CLI prints them
 * and exits 2 (no stack trace).
 */
import { accessSync, constants, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { type HostCommandRunner, runHostCommand } from './host-command.ts';
import { DEFAULT_PATH } from './host-executor.ts';
import { defaultSandboxMode } from './netns.ts';
import type { SandboxMode } from './sandbox.ts';

/** One missing prerequisite. */
export interface PrerequisiteProblem {
  /** What is missing: a program name or a kernel setting. */
  readonly subject: string;
  /** One line: what is wrong and how to fix it. */
  readonly message: string;
}

/** Options for {@link checkPrerequisites}; the seams let tests simulate a bare machine. */
export interface PrerequisiteOptions {
  /** @defaultValue {@link defaultSandboxMode}() */
  readonly mode?: SandboxMode;
  /** @defaultValue process.env.PATH plus the sbin directories */
  readonly path?: string;
  /** Reads a /proc/sys file; undefined when absent. @defaultValue readFileSync */
  readonly readSysctl?: (path: string) => string | undefined;
  /** Runs the rootless mode's user-namespace probe. @defaultValue runHostCommand */
  readonly run?: HostCommandRunner;
}

/** Programs, and the Debian package that ships each. */
const PROGRAMS: readonly (readonly [string, string])[] = [
  ['unshare', 'util-linux'],
  ['nsenter', 'util-linux'],
  ['mount', 'mount'],
  ['ip', 'iproute2'],
  ['bridge', 'iproute2'],
  ['iptables', 'iptables'],
  ['iptables-save', 'iptables'],
  ['ip6tables-save', 'iptables'],
  ['nft', 'nftables'],
];

/** Sysctls that switch unprivileged user namespaces off, with the value that does so. */
const USERNS_SWITCHES: readonly (readonly [string, (value: string) => boolean])[] = [
  ['user/max_user_namespaces', (value) => value === '0'],
  ['kernel/unprivileged_userns_clone', (value) => value === '0'],
  ['kernel/apparmor_restrict_unprivileged_userns', (value) => value === '1'],
];

/** True when `program` is an executable in one of the `path` directories. */
export function onPath(program: string, path: string): boolean {
  return path.split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, program), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

function defaultReadSysctl(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** Lists what is missing for sandboxes in the given mode; empty when all is well. */
export async function checkPrerequisites(options: PrerequisiteOptions = {}): Promise<PrerequisiteProblem[]> {
  const mode = options.mode ?? defaultSandboxMode();
  const path = options.path ?? `${process.env.PATH ?? ''}${delimiter}${DEFAULT_PATH}`;
  const readSysctl = options.readSysctl ?? defaultReadSysctl;
  const problems: PrerequisiteProblem[] = [];
  for (const [program, pkg] of PROGRAMS) {
    if (onPath(program, path)) continue;
    problems.push({
      subject: program,
      message: `\`${program}\` not found on PATH — install ${pkg} (apt-get install ${pkg})`,
    });
  }
  {
    // Root sandboxes are user namespaces too (see holder.ts); only this switch stops real root making one.
    const switches = mode === 'rootless' ? USERNS_SWITCHES : USERNS_SWITCHES.slice(0, 1);
    for (const [key, disables] of switches) {
      const value = readSysctl(`/proc/sys/${key}`);
      if (value === undefined || !disables(value)) continue;
      const name = key.replaceAll('/', '.');
      const wanted =
        name === 'kernel.apparmor_restrict_unprivileged_userns' ? 0 : name.startsWith('user.') ? 15000 : 1;
      problems.push({
        subject: name,
        message: `${mode === 'rootless' ? 'unprivileged ' : ''}user namespaces are disabled (${name}=${value}) — run \`sudo sysctl -w ${name}=${wanted}\`${mode === 'rootless' ? ', or run as root' : ''}`,
      });
    }
  }
  if (mode === 'rootless' && problems.length === 0)
    problems.push(...(await probeUserNamespace(options.run ?? runHostCommand, path)));
  return problems;
}

/** Tries the real thing: some restrictions (seccomp, LSMs) have no sysctl to read. */
async function probeUserNamespace(run: HostCommandRunner, path: string): Promise<PrerequisiteProblem[]> {
  const argv = ['--user', '--map-root-user', '--net', '--mount', 'true'];
  const reason = await run('unshare', argv, { env: { PATH: path }, timeoutMs: 10_000 }).then(
    () => undefined,
    (error: unknown) => (error instanceof Error ? error.message : String(error)),
  );
  if (reason === undefined) return [];
  return [
    {
      subject: 'user namespaces',
      message: `cannot create a user namespace (${reason}) — allow unprivileged user namespaces, or run as root`,
    },
  ];
}
