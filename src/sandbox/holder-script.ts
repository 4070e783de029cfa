/**
 * The shell script run as PID 1 of a sandbox's PID namespace. It builds the private mount view, brings
 * `lo` up, reports its host PID and then waits for EOF on stdin; when it dies the kernel kills every
 * process in the sandbox and the namespaces go with them. Start-up time is spawns: rootless, `mount -a`
 * and `ip`; as root, `mount -a`, the remount of `/`, `unshare` into the user namespace, `mount` and `ip`.
 *
 * As root, PID 1 first builds the view as real root in a mount namespace of its own (host mounts read-only,
 * fresh /proc, private dirs), then becomes the sandbox proper: `unshare --user --net --ipc --uts --mount` (SysV
 * IPC objects, message queues and the hostname a plugin makes die with the sandbox). The harness
 * writes the new user namespace's identity uid/gid maps (its /proc is read-only by then) when PID 1 says
 * `map <host pid>`, and answers with a line on stdin; PID 1 re-execs itself to get its capabilities in the
 * namespace (an exec before the maps exist drops them), mounts the sandbox's sysfs and reports ready. Every
 * mount it copied is locked, so nothing in the sandbox can make the host view writable again.
 */
import { COPY_ON_WRITE_DIRS, type MountPlan, SANDBOX_MARKER_DIR } from './mount-plan.ts';

/** Options for {@link buildHolderScript}. */
export interface HolderScriptOptions {
  readonly sandboxId: string;
  readonly plan: MountPlan;
  /** Host path of the plan's fstab file. */
  readonly fstabFile: string;
}

/**
 * When `mount -a` fails for an overlay (rootless: the kernel will not clone a lower directory that has
 * mounts below it, e.g. Docker's /etc/resolv.conf or someone's mount under /tmp), /tmp falls back to an
 * empty tmpfs and a private directory that could not be made is a clear error. Only builtins, except
 * the fallback mount itself.
 */
function fallback(requiredMounts: readonly string[]): string {
  const mounted =
    'mounted() { while read -r src dst rest; do [ "$src $dst" = "$1 $2" ] && return 0; done < /proc/self/mounts; return 1; }';
  const tmp = COPY_ON_WRITE_DIRS.map(
    (dir) => `mounted cni-sandbox-overlay ${dir} || mount -t tmpfs -o mode=1777 cni-sandbox-tmp ${dir}`,
  );
  const checks = requiredMounts.map(
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

// /proc is still the host's at first, so /proc/self/stat names our host PID (read is a builtin: no spawn).
const READ_HOST_PID = 'read -r host_pid rest < /proc/self/stat';

/** The mount source of a sandbox's own mqueue filesystem. */
const MQUEUE_SOURCE = 'cni-sandbox-mqueue';

/**
 * The end of every holder script: `lo` up by writing IFF_UP|IFF_LOOPBACK to the fresh sysfs (what
 * `ip link set lo up` asks netlink for, without a spawn), the ready line, then the lifeline: stdin is a
 * pipe from the harness. When the harness dies, even by SIGKILL, the pipe reaches EOF, the loop ends,
 * PID 1 exits and the kernel kills the whole sandbox.
 */
const READY_AND_WAIT = [
  // Where the host shows its POSIX message queues, show the sandbox's own IPC namespace's instead.
  `[ ! -d /dev/mqueue ] || mount -t mqueue ${MQUEUE_SOURCE} /dev/mqueue`,
  // Rootless, sysfs keeps the files of the initial user namespace's root, and as root it is read-only: `ip` then.
  '{ echo 0x9 > /sys/class/net/lo/flags; } 2>/dev/null || ip link set lo up',
  'echo "ready $host_pid"',
  'while read -r _; do :; done',
];

/** The line PID 1 of a root sandbox prints once it is in its new user namespace, waiting for its uid/gid maps. */
export const USER_NAMESPACE_MAP_LINE = /^map (\d+)$/m;

/**
 * Root: what PID 1 runs in the sandbox proper, after the maps are written ($host_pid from the environment, so
 * that its last argument stays the init name hostile fixtures and `clean` look for). The sandbox's
 * sysfs must be read-only (the kernel refuses more than the locked placeholder below it), so `ip` brings `lo` up.
 */
const USER_NAMESPACE_SANDBOX = [
  'set -e',
  'mount -t sysfs -o ro cni-sandbox-sys /sys',
  ...READY_AND_WAIT,
].join('\n');

/**
 * Root: the step into the sandbox proper. `unshare` execs the shell before anyone could write the maps, so
 * the shell has no capabilities yet: it asks for the maps, waits for the answer, then re-execs.
 */
function enterUserNamespace(): string {
  const wait = `echo "map $1"; read -r _ || exit 1; host_pid=$1 exec sh -c "$2" ${SANDBOX_INIT_NAME}`;
  return `exec unshare --user --net --ipc --uts --mount --propagation private sh -c ${quote(wait)} ${SANDBOX_INIT_NAME} "$host_pid" ${quote(USER_NAMESPACE_SANDBOX)}`;
}

/**
 * Builds the holder script; its last stdout line before it waits for EOF is `ready <host pid>` (root: after
 * a `map <host pid>` line the harness answers, see {@link USER_NAMESPACE_MAP_LINE}).
 */
export function buildHolderScript(options: HolderScriptOptions): string {
  const root = options.plan.readOnlyHost;
  const lines = [
    'set -e',
    READ_HOST_PID,
    // umask 0: the modes X-mount.mkdir is given are the modes the directories get.
    'umask 0',
    // Root: drop the host's /proc and /sys copies first (sysfs before proc: umount needs /proc to resolve it).
    ...(root ? ['umount -l /sys /proc'] : []),
    `mount -a -T ${quote(options.fstabFile)} || { ${fallback(options.plan.requiredMounts)}; }`,
    ...(root ? ['mount -o remount,bind,ro /'] : []),
    'umask 022',
    `echo ${quote(options.sandboxId)} > ${SANDBOX_MARKER_DIR}/id`,
    ...(root ? [enterUserNamespace()] : READY_AND_WAIT),
  ];
  return `${lines.join('\n')}\n`;
}
