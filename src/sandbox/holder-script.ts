/**
 * The shell script run as PID 1 of a sandbox's PID namespace. It builds the private mount view, brings
 * `lo` up, reports its host PID and then waits for EOF on stdin; when it dies the kernel kills every
 * process in the sandbox and the namespaces go with them. It spawns only five short-lived programs:
 * start-up time is spawns.
 */
import { COPY_ON_WRITE_DIRS, type MountPlan, SANDBOX_MARKER_DIR } from './mount-plan.ts';

/** Options for {@link buildHolderScript}. */
export interface HolderScriptOptions {
  readonly sandboxId: string;
  readonly plan: MountPlan;
  /** Host paths of the plan's two fstab files. */
  readonly fstabFiles: readonly [string, string];
}

/**
 * When `mount -a` fails for an overlay (rootless: the kernel will not clone a lower directory that has
 * mounts below it, e.g. Docker's /etc/resolv.conf or someone's mount under /tmp), /tmp falls back to an
 * empty tmpfs and a private directory that could not be made is a clear error. Only builtins, except
 * the fallback mount itself.
 */
function fallback(plan: MountPlan): string {
  const mounted =
    'mounted() { while read -r src dst rest; do [ "$src $dst" = "$1 $2" ] && return 0; done < /proc/self/mounts; return 1; }';
  const tmp = COPY_ON_WRITE_DIRS.map(
    (dir) => `mounted cni-sandbox-overlay ${dir} || mount -t tmpfs -o mode=1777 cni-sandbox-tmp ${dir}`,
  );
  const checks = plan.requiredMounts.map(
    (mount) =>
      `mounted ${mount} || { echo "cannot mount ${mount.split(' ')[1]} privately (a mount below it?)" >&2; exit 1; }`,
  );
  return [mounted, ...tmp, ...checks].join('; ');
}

function quote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** The name PID 1 of every sandbox runs under (`sh -c <script> cni-sandbox-init`), visible in its cmdline. */
export const SANDBOX_INIT_NAME = 'cni-sandbox-init';

/** Builds the holder script; its last stdout line before it waits for EOF is `ready <host pid>`. */
export function buildHolderScript(options: HolderScriptOptions): string {
  const [base, priv] = options.fstabFiles.map(quote);
  const lines = [
    'set -e',
    // /proc is still the host's here, so /proc/self/stat names our host PID (read is a builtin: no spawn).
    'read -r host_pid rest < /proc/self/stat',
    // Opened now: the fresh /run and /tmp are about to hide the run directory.
    `exec 3< ${base} 4< ${priv}`,
    'mount -a -T /proc/self/fd/3',
    `mkdir -p ${options.plan.mkdirs.map(quote).join(' ')}`,
    ...(options.plan.stickyDirs.length > 0
      ? [`chmod 1777 ${options.plan.stickyDirs.map(quote).join(' ')}`]
      : []),
    `mount -a -T /proc/self/fd/4 || { ${fallback(options.plan)}; }`,
    'exec 3<&- 4<&-',
    `echo ${quote(options.sandboxId)} > ${SANDBOX_MARKER_DIR}/id`,
    'ip link set lo up',
    'echo "ready $host_pid"',
    // The lifeline: stdin is a pipe from the harness. When the harness dies, even by SIGKILL, the
    // pipe reaches EOF, this loop ends, PID 1 exits and the kernel kills the whole sandbox.
    'while read -r _; do :; done',
  ];
  return `${lines.join('\n')}\n`;
}
