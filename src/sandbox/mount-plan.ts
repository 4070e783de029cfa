/**
 * The private mount view of a sandbox, as two fstab files that `mount -a` applies in one process each
 * (spawns dominate sandbox start-up). Directories that exist get a tmpfs; for one that does not (we must
 * never create directories on the real host) the nearest existing ancestor gets an overlay whose upper
 * layer lives in the sandbox's /run tmpfs and already contains the directory.
 */
import { existsSync, writeFileSync } from 'node:fs';
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

/** What the holder script mounts and creates. */
export interface MountPlan {
  /** fstab for /proc, /run and /sys. */
  readonly baseFstab: string;
  /** fstab for the private directories (tmpfs or overlay of an ancestor); mounted after `mkdirs`. */
  readonly privateFstab: string;
  /** Directories created inside the fresh /run between the two mounts. */
  readonly mkdirs: readonly string[];
  /** "source target" of the private mounts that must succeed (the /tmp overlay may fall back). */
  readonly requiredMounts: readonly string[];
  /** Upper layers that become a world-writable sticky directory (the overlay root takes their mode). */
  readonly stickyDirs: readonly string[];
}

// Sources are unique names: `mount -a` skips an entry whose source and target are already mounted.
const BASE_FSTAB = [
  'cni-sandbox-proc /proc proc defaults 0 0',
  'cni-sandbox-run /run tmpfs mode=755 0 0',
  'cni-sandbox-sys /sys sysfs defaults 0 0',
];

function nearestExistingAncestor(dir: string, exists: (path: string) => boolean): string {
  let candidate = dirname(dir);
  while (!exists(candidate)) candidate = dirname(candidate);
  return candidate;
}

/** Plans the mounts for the given host view; `exists` is injectable for tests. */
export function buildMountPlan(rootless: boolean, exists: (path: string) => boolean = existsSync): MountPlan {
  const entries: string[] = [];
  const mkdirs = ['/run/netns', SANDBOX_MARKER_DIR];
  const overlays = new Map<string, string>();
  const overlay = (lower: string): string => {
    let layer = overlays.get(lower);
    if (layer !== undefined) return layer;
    layer = join(SANDBOX_MARKER_DIR, `overlay-${overlays.size}`);
    overlays.set(lower, layer);
    const xattr = rootless ? ',userxattr' : '';
    const options = `lowerdir=${lower},upperdir=${layer}/upper,workdir=${layer}/work${xattr}`;
    entries.push(`cni-sandbox-overlay ${lower} overlay ${options} 0 0`);
    mkdirs.push(`${layer}/upper`, `${layer}/work`);
    return layer;
  };
  const requiredMounts: string[] = [];
  const stickyDirs = COPY_ON_WRITE_DIRS.filter((dir) => exists(dir)).map((dir) => `${overlay(dir)}/upper`);
  for (const dir of PRIVATE_DIRS) {
    if (exists(dir)) {
      entries.push(`cni-sandbox-private ${dir} tmpfs mode=755 0 0`);
      requiredMounts.push(`cni-sandbox-private ${dir}`);
      continue;
    }
    const ancestor = nearestExistingAncestor(dir, exists);
    mkdirs.push(join(overlay(ancestor), 'upper', dir.slice(ancestor.length)));
    requiredMounts.push(`cni-sandbox-overlay ${ancestor}`);
  }
  return {
    baseFstab: `${BASE_FSTAB.join('\n')}\n`,
    privateFstab: `${entries.join('\n')}\n`,
    mkdirs,
    requiredMounts: [...new Set(requiredMounts)],
    stickyDirs,
  };
}

const writtenPlans = new Map<boolean, { plan: MountPlan; files: [string, string] }>();

/**
 * The plan for this mode with its fstab files written to the run directory (once per process); `mount`
 * cannot parse a pipe, and the holder opens the files before its fresh /run and /tmp hide them.
 */
export function preparedMountPlan(rootless: boolean): { plan: MountPlan; files: [string, string] } {
  const cached = writtenPlans.get(rootless);
  if (cached) return cached;
  const plan = buildMountPlan(rootless);
  const base = join(currentRunDir(), `fstab-base-${rootless ? 'rootless' : 'root'}`);
  const priv = join(currentRunDir(), `fstab-private-${rootless ? 'rootless' : 'root'}`);
  writeFileSync(base, plan.baseFstab);
  writeFileSync(priv, plan.privateFstab);
  const prepared = { plan, files: [base, priv] as [string, string] };
  writtenPlans.set(rootless, prepared);
  return prepared;
}
