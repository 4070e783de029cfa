/**
 * The shell script run as PID 1 of a sandbox's PID namespace. It builds the private mount view, brings
 * `lo` up, reports its host PID and then sleeps forever; when it dies the kernel kills every process in
 * the sandbox and the namespaces go with them.
 */

/** The directory, inside the sandbox, that only a sandbox has; hostile fixtures refuse to run without it. */
export const SANDBOX_MARKER_DIR = '/run/.cni-sandbox';

/** Directories made private to every sandbox (besides /run and /tmp, which are always fresh tmpfs). */
export const PRIVATE_DIRS = ['/var/lib/cni', '/etc/cni/net.d', '/opt/cni/bin'] as const;

/**
 * `private_dir` mounts a tmpfs on a directory that exists; for one that does not (we must never create
 * directories on the real host), it overlays the nearest existing ancestor with a tmpfs-backed upper
 * layer and creates the directory there.
 */
const PRIVATE_DIR_FUNCTION = `private_dir() {
  if [ -d "$1" ]; then mount -t tmpfs -o mode=755 tmpfs "$1"; return; fi
  p=\${1%/*}; while [ ! -d "$p" ]; do p=\${p%/*}; done
  u=${SANDBOX_MARKER_DIR}/overlay$(printf %s "$p" | tr / _)
  if [ ! -d "$u" ]; then
    mkdir -p "$u/upper" "$u/work"
    mount -t overlay overlay -o "lowerdir=$p,upperdir=$u/upper,workdir=$u/work$OVERLAY_OPTIONS" "$p"
  fi
  mkdir -p "$1"
}`;

/** Options for {@link buildHolderScript}. */
export interface HolderScriptOptions {
  readonly sandboxId: string;
  /** In a user namespace overlayfs must keep its metadata in user.* xattrs. */
  readonly rootless: boolean;
}

/** Builds the holder script; its last stdout line before sleeping is `ready <host pid>`. */
export function buildHolderScript(options: HolderScriptOptions): string {
  const lines = [
    'set -e',
    // /proc is still the host's here, so /proc/self/stat names our host PID (read is a builtin: no spawn).
    'read -r host_pid rest < /proc/self/stat',
    'mount -t proc proc /proc',
    'mount -t tmpfs -o mode=755 tmpfs /run',
    `mkdir -p /run/netns ${SANDBOX_MARKER_DIR}`,
    `echo ${options.sandboxId} > ${SANDBOX_MARKER_DIR}/id`,
    // A sysfs of our own network namespace, so /sys/class/net shows the sandbox's links.
    'mount -t sysfs sysfs /sys',
    'mount -t tmpfs -o mode=1777 tmpfs /tmp',
    `OVERLAY_OPTIONS=${options.rootless ? ',userxattr' : ''}`,
    PRIVATE_DIR_FUNCTION,
    ...PRIVATE_DIRS.map((dir) => `private_dir ${dir}`),
    'ip link set lo up',
    'echo "ready $host_pid"',
    'exec sleep infinity',
  ];
  return `${lines.join('\n')}\n`;
}
