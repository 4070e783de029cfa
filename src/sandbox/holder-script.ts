/**
 * The shell script run as PID 1 of a sandbox's PID namespace. It builds the private mount view, brings
 * `lo` up, reports its host PID and then sleeps forever; when it dies the kernel kills every process in
 * the sandbox and the namespaces go with them. It spawns only five programs: start-up time is spawns.
 */
import { type MountPlan, SANDBOX_MARKER_DIR } from './mount-plan.ts';

/** Options for {@link buildHolderScript}. */
export interface HolderScriptOptions {
  readonly sandboxId: string;
  readonly plan: MountPlan;
  /** Host paths of the plan's two fstab files. */
  readonly fstabFiles: readonly [string, string];
}

function quote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** Builds the holder script; its last stdout line before sleeping is `ready <host pid>`. */
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
    'mount -a -T /proc/self/fd/4',
    'exec 3<&- 4<&-',
    `echo ${quote(options.sandboxId)} > ${SANDBOX_MARKER_DIR}/id`,
    'ip link set lo up',
    'echo "ready $host_pid"',
    'exec sleep infinity',
  ];
  return `${lines.join('\n')}\n`;
}
