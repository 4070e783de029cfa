/**
 * Images the harness builds locally, never pulled: `docker import` of a rootfs tar made here, tagged with
 * the tar's content hash so a second run reuses it and a changed recipe makes a new tag.
 *
 * - the busybox image: /bin/busybox (Debian's busybox-static) and a few applet links, for the seed
 *   scenario's plain `--network none` containers;
 * - the sandbox image: only mount points and the host's /bin→usr/bin style links. /usr, /etc and the
 *   library dirs come from the host read-only at run time (see container.ts), so the image costs nothing
 *   to build and has exactly the host's node, iproute2, iptables and util-linux.
 */
import { createHash } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runHostCommand } from '../host-command.ts';
import { DEFAULT_PATH } from '../host-executor.ts';
import { dockerOk } from './engine.ts';

/** Where Debian's busybox-static puts its binary. */
export const BUSYBOX_PATH = '/bin/busybox';

const BUSYBOX_APPLETS = ['sh', 'sleep', 'ping', 'ip', 'cat', 'true', 'ls'];

/** Top-level host paths of the sandbox image: a link when the host has a link (merged /usr), else a dir. */
export const HOST_SYSTEM_DIRS = ['bin', 'sbin', 'lib', 'lib32', 'lib64', 'libx32'] as const;

/** Host directories always mounted read-only into the sandbox image. */
export const HOST_MOUNTED_DIRS = ['/usr', '/etc'] as const;

/** Mount points and scratch dirs every image the harness makes has, empty (tmp is made 1777). */
export const IMAGE_EMPTY_DIRS = ['tmp', 'run', 'proc', 'sys', 'dev', 'root', 'var/lib/cni', 'opt/cni/bin'];

/** The sandbox image also gets /usr and /etc as mount points for the host's (HOST_MOUNTED_DIRS). */
const EMPTY_DIRS = ['usr', 'etc', 'var/tmp', ...IMAGE_EMPTY_DIRS];

/** Packs `root` reproducibly (sorted, mtime 0, root-owned) and returns the tar's path. */
async function packRootfs(root: string, tarPath: string): Promise<void> {
  const args = [
    '--sort=name',
    '--mtime=@0',
    '--owner=0',
    '--group=0',
    '--numeric-owner',
    '-C',
    root,
    '-cf',
    tarPath,
    '.',
  ];
  await runHostCommand('tar', args, { env: { PATH: DEFAULT_PATH } });
}

/** Imports the rootfs that `fill` writes as `repository:<hash>` unless that tag exists; returns the tag. */
export async function importRootfs(
  repository: string,
  fill: (root: string) => void | Promise<void>,
): Promise<string> {
  const work = mkdtempSync(join(tmpdir(), 'cni-conformance-image-'));
  try {
    const root = join(work, 'root');
    mkdirSync(root);
    await fill(root);
    const tarPath = join(work, 'rootfs.tar');
    await packRootfs(root, tarPath);
    const hash = createHash('sha256').update(readFileSync(tarPath)).digest('hex').slice(0, 16);
    const tag = `${repository}:${hash}`;
    const existing = await dockerOk(['images', '-q', tag]);
    if (existing === '') await dockerOk(['import', '--change', 'CMD ["/bin/sh"]', tarPath, tag]);
    return tag;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Builds (once) the busybox image for plain containers; throws when busybox-static is not installed. */
export function ensureBusyboxImage(): Promise<string> {
  if (!existsSync(BUSYBOX_PATH)) {
    throw new Error(`${BUSYBOX_PATH} is missing: apt-get install busybox-static (scripts/ci/docker.sh does)`);
  }
  return importRootfs('cni-conformance/busybox', (root) => {
    mkdirSync(join(root, 'bin'));
    copyFileSync(BUSYBOX_PATH, join(root, 'bin/busybox'));
    chmodSync(join(root, 'bin/busybox'), 0o755);
    for (const applet of BUSYBOX_APPLETS) symlinkSync('busybox', join(root, 'bin', applet));
    for (const dir of ['proc', 'sys', 'dev', 'etc', 'tmp']) mkdirSync(join(root, dir));
  });
}

/** Builds (once) the default sandbox image: mount points plus the host's top-level system links. */
export function ensureSandboxImage(): Promise<string> {
  return importRootfs('cni-conformance/sandbox', (root) => {
    for (const dir of EMPTY_DIRS) mkdirSync(join(root, dir), { recursive: true });
    chmodSync(join(root, 'tmp'), 0o1777);
    for (const name of HOST_SYSTEM_DIRS) {
      const hostPath = `/${name}`;
      if (!existsSync(hostPath)) continue;
      if (lstatSync(hostPath).isSymbolicLink()) symlinkSync(readlinkSync(hostPath), join(root, name));
      else mkdirSync(join(root, name));
    }
  });
}

/** The host's real (non-link) system dirs, which the sandbox container must bind-mount read-only. */
export function hostSystemMounts(): string[] {
  const dirs = HOST_SYSTEM_DIRS.map((name) => `/${name}`).filter(
    (path) => existsSync(path) && !lstatSync(path).isSymbolicLink(),
  );
  return [...HOST_MOUNTED_DIRS, ...dirs];
}
