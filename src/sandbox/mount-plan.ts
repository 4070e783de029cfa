/**
 * The private mount view of a sandbox, as ONE fstab that a single `mount -a` applies (spawns dominate
 * sandbox start-up: no mkdir, no chmod, no second mount). Directories that exist get a tmpfs; for one
 * that does not (we must never create directories on the real host) the nearest existing ancestor gets
 * an overlay and the directory is made through it, so it lands in the sandbox's upper layer.
 *
 * Every directory the view needs comes from libmount's `X-mount.mkdir` (it creates a mount point and its
 * parents), run with umask 0 by the holder so modes are exact. An overlay needs an existing upper and
 * work directory on the same mount, so each overlay is mounted ON its own upper directory (the mount
 * point is created first, then the overlay resolves it as `upperdir`) and bound from there to its
 * target; its work directory is made as the parent of a tiny "anchor" tmpfs.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { currentRunDir } from './run-dir.ts';

/** The directory, inside the sandbox, that only a sandbox has; hostile fixtures refuse to run without it. */
export const SANDBOX_MARKER_DIR = '/run/.cni-sandbox';

/** Directories made private and empty in every sandbox (besides /run, /proc and /sys, always fresh). */
export const PRIVATE_DIRS = ['/var/lib/cni', '/etc/cni/net.d', '/opt/cni/bin'] as const;

/**
 * Directories whose host content stays visible but whose writes stay in the sandbox: tests put
 * plugin binaries and configs under /tmp, and a plugin must not write the host's /tmp.
 */
export const COPY_ON_WRITE_DIRS = ['/tmp'] as const;

/** What the holder script mounts. */
export interface MountPlan {
  /**
   * Root mode: the host's /proc and /sys copies are unmounted before `mount -a`, and `/` is remounted
   * read-only afterwards like every other host mount (fstab `remount` lines), /proc (but /proc/sys/net),
   * /sys and /dev included. All of it happens as real root in an outer mount namespace; the sandbox proper
   * (holder-script.ts) is a user namespace whose mount namespace copies this view, so the kernel locks the
   * read-only flags (MNT_LOCK_READONLY) and the mounts themselves (MNT_LOCKED): its root, identity-mapped to
   * the host's uids, can neither remount them read-write nor unmount them to reveal the host's.
   */
  readonly readOnlyHost: boolean;
  /** fstab lines in mount order, applied by one `mount -a` under umask 0. */
  readonly fstab: string;
  /**
   * "source target" of the mounts that must exist afterwards (the /tmp overlay may fall back to a tmpfs:
   * a rootless overlay fails when the lower directory has mounts below it).
   */
  readonly requiredMounts: readonly string[];
}

// Sources are unique names: `mount -a` skips an entry whose source and target are already mounted.
const baseFstab = (rootless: boolean) => [
  'cni-sandbox-proc /proc proc defaults 0 0',
  'cni-sandbox-run /run tmpfs mode=755 0 0',
  // Root: a read-only placeholder (it shows the host's network namespace) under the sandbox's own sysfs, which
  // the kernel then lets the user namespace mount read-only only; a writable sysfs would let its root, uid 0 on
  // the host, write /sys/power and the like once it unmounted the sandbox's.
  `cni-sandbox-sys /sys sysfs ${rootless ? 'defaults' : 'ro'} 0 0`,
  // `ip netns add` makes /run/netns a shared mount point anyway; being one already is fine.
  'cni-sandbox-netns /run/netns tmpfs mode=755,X-mount.mkdir 0 0',
  `cni-sandbox-marker ${SANDBOX_MARKER_DIR} tmpfs mode=755,X-mount.mkdir 0 0`,
];

/**
 * Root mode: what the sandbox's root (uid 0 on the host, though only in its user namespace) could still write
 * on the host through pseudo filesystems. sysctl files check the writer's uid, not a capability, so /proc is
 * read-only but for /proc/sys/net (per network namespace: the sandbox's own); /dev gets a private /dev/shm
 * and is read-only (device nodes still work; the host's other /dev mounts stay as they are).
 */
const ROOT_PSEUDO_LINES = [
  'none /proc none bind,remount,ro 0 0',
  '/proc/sys/net /proc/sys/net none bind 0 0',
  'none /proc/sys/net none bind,remount,rw 0 0',
  'cni-sandbox-shm /dev/shm tmpfs mode=1777 0 0',
  'none /dev none bind,remount,ro 0 0',
];

function nearestExistingAncestor(dir: string, exists: (path: string) => boolean): string {
  let candidate = dirname(dir);
  while (!exists(candidate)) candidate = dirname(candidate);
  return candidate;
}

/** The three fstab lines of an overlay on `lower` whose layers live in `layer`. */
function overlayLines(lower: string, layer: string, rootless: boolean, mode: string): string[] {
  const upper = `${layer}/upper`;
  const work = `${layer}/work`;
  const xattr = rootless ? ',userxattr' : '';
  const options = `lowerdir=${lower},upperdir=${upper},workdir=${work}${xattr},X-mount.mkdir=${mode}`;
  return [
    `cni-sandbox-anchor ${work}/anchor tmpfs size=4k,mode=700,X-mount.mkdir=0700 0 0`,
    `cni-sandbox-overlay ${upper} overlay ${options} 0 0`,
    `${upper} ${lower} none bind 0 0`,
  ];
}

/** Filesystems that hold no host files (or are replaced in the sandbox): never remounted read-only. */
const PSEUDO_FILESYSTEMS = new Set([
  'proc',
  'sysfs',
  'cgroup',
  'cgroup2',
  'devtmpfs',
  'devpts',
  'mqueue',
  'nsfs',
  'debugfs',
  'tracefs',
  'securityfs',
  'pstore',
  'bpf',
  'configfs',
  'fusectl',
  'hugetlbfs',
  'autofs',
  'binfmt_misc',
  'efivarfs',
]);

/** Mount points the sandbox replaces, or whose mounts come and go (container runtimes' per-container mounts). */
const NOT_REMOUNTED = [
  '/proc',
  '/sys',
  '/dev',
  '/run',
  '/var/run',
  '/tmp',
  '/var/lib/docker',
  '/var/lib/containerd',
];

function isUnder(path: string, dirs: readonly string[]): boolean {
  return dirs.some((dir) => path === dir || path.startsWith(`${dir}/`));
}

/** The host's mount points (mountinfo escaping kept: fstab uses the same) that a root sandbox makes read-only. */
export function hostMountsToProtect(mountinfo: string): string[] {
  const targets = mountinfo
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => {
      const fields = line.split(' ');
      return { target: fields[4] ?? '/', fstype: fields[fields.indexOf('-') + 1] ?? '' };
    })
    .filter(({ target, fstype }) => target !== '/' && !PSEUDO_FILESYSTEMS.has(fstype))
    .filter(({ target }) => !isUnder(target, [...NOT_REMOUNTED, ...PRIVATE_DIRS]))
    .map(({ target }) => target);
  return [...new Set(targets)];
}

function readMountinfo(): string {
  try {
    return readFileSync('/proc/self/mountinfo', 'utf8');
  } catch {
    return '';
  }
}

/**
 * The private directories that must show the host's content: those holding (or under) a directory the plugin
 * under test is run from. A third-party plugin lives in /opt/cni/bin, and an empty tmpfs there would hide it.
 */
function exposedPrivateDirs(visibleHostDirs: readonly string[]): Set<string> {
  return new Set(PRIVATE_DIRS.filter((dir) => visibleHostDirs.some((visible) => isUnder(visible, [dir]))));
}

/**
 * Plans the mounts for the given host view; `exists` and the host's mountinfo are injectable for tests.
 * `visibleHostDirs`: directories the plugin under test and its delegates are run from; a private directory that
 * holds one becomes a copy-on-write view of the host's (its files visible, writes kept in the sandbox).
 */
export function buildMountPlan(
  rootless: boolean,
  exists: (path: string) => boolean = existsSync,
  mountinfo: string = rootless ? '' : readMountinfo(),
  visibleHostDirs: readonly string[] = [],
): MountPlan {
  const lines = baseFstab(rootless);
  const overlays = new Set<string>();
  const requiredMounts: string[] = [];
  const overlay = (lower: string, mode: string): void => {
    if (overlays.has(lower)) return;
    lines.push(...overlayLines(lower, join(SANDBOX_MARKER_DIR, `overlay-${overlays.size}`), rootless, mode));
    overlays.add(lower);
  };
  // The overlay root takes its upper directory's mode: /tmp stays world-writable and sticky.
  for (const dir of COPY_ON_WRITE_DIRS) if (exists(dir)) overlay(dir, '1777');
  const exposed = exposedPrivateDirs(visibleHostDirs);
  for (const dir of PRIVATE_DIRS) {
    if (exposed.has(dir) && exists(dir)) {
      overlay(dir, '0755');
      requiredMounts.push(`cni-sandbox-overlay ${dir}`);
      continue;
    }
    if (!exists(dir)) {
      const ancestor = nearestExistingAncestor(dir, exists);
      overlay(ancestor, '0755');
      requiredMounts.push(`cni-sandbox-overlay ${ancestor}`);
    }
    // Through the ancestor's overlay when the host lacks the directory: the mount point lands in the upper layer.
    lines.push(`cni-sandbox-private ${dir} tmpfs mode=755,X-mount.mkdir 0 0`);
    requiredMounts.push(`cni-sandbox-private ${dir}`);
  }
  // After /proc is fresh (libmount reads it); `/` itself is remounted by the holder (`mount -a` skips it).
  if (!rootless) {
    for (const target of hostMountsToProtect(mountinfo))
      lines.push(`none ${target} none bind,remount,ro 0 0`);
    lines.push(...ROOT_PSEUDO_LINES);
  }
  return {
    fstab: `${lines.join('\n')}\n`,
    requiredMounts: [...new Set(requiredMounts)],
    readOnlyHost: !rootless,
  };
}

const writtenPlans = new Map<string, { plan: MountPlan; file: string }>();

/**
 * The plan for this mode and view with its fstab written to the run directory (once per process and plan):
 * `mount` cannot parse a pipe. `mount -a` reads the whole file before the fresh /run and /tmp hide it.
 */
export function preparedMountPlan(
  rootless: boolean,
  visibleHostDirs: readonly string[] = [],
): { plan: MountPlan; file: string } {
  const exposed = [...exposedPrivateDirs(visibleHostDirs)];
  const key = `${rootless ? 'rootless' : 'root'}${exposed.map((dir) => `+${dir}`).join('')}`;
  const cached = writtenPlans.get(key);
  if (cached) return cached;
  const plan = buildMountPlan(rootless, existsSync, rootless ? '' : readMountinfo(), exposed);
  const file = join(currentRunDir(), `fstab-${writtenPlans.size}-${rootless ? 'rootless' : 'root'}`);
  writeFileSync(file, plan.fstab);
  const prepared = { plan, file };
  writtenPlans.set(key, prepared);
  return prepared;
}
