/**
 * The base of the harness's container image (Dockerfile), made here from the Debian packages installed on this
 * host, never pulled: each package's files (`dpkg -L`), with the installed dependency closure, become a rootfs
 * that `docker import` turns into `cni-conformance/debian-base:<hash>` (importRootfs, as the sandbox images).
 * Documentation is left out; what a package lists is copied as the host has it (merged /usr honoured).
 */
import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readlinkSync,
  realpathSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { runHostCommand } from '../host-command.ts';
import { DEFAULT_PATH } from '../host-executor.ts';
import { dockerOk } from './engine.ts';
import { HOST_SYSTEM_DIRS, IMAGE_EMPTY_DIRS, importRootfs } from './images.ts';

/**
 * What the image runs: Node and the harness's host tools (src/sandbox/prerequisites.ts), a shell and the core
 * utilities the sandbox scripts use, and tar/gzip for the Sonobuoy result tarball.
 */
export const BASE_PACKAGES = [
  'base-files',
  'nodejs',
  'iproute2',
  'iptables',
  'nftables',
  'util-linux',
  'mount',
  'procps',
  'kmod',
  'dash',
  'bash',
  'coreutils',
  'findutils',
  'grep',
  'sed',
  'tar',
  'gzip',
] as const;

const SKIPPED_PREFIXES = ['/usr/share/doc/', '/usr/share/man/', '/usr/share/info/', '/usr/share/lintian/'];

const HOST_TOOL_ENV = { PATH: DEFAULT_PATH };

async function dpkgQuery(args: readonly string[]): Promise<string> {
  return (await runHostCommand('dpkg-query', args, { env: HOST_TOOL_ENV })).stdout;
}

/** One installed package: its version and its dependency groups (alternatives within a group). */
interface InstalledPackage {
  readonly version: string;
  readonly depends: readonly (readonly string[])[];
}

/**
 * Every installed package, read in ONE dpkg-query call (each call reads the whole database: one per package
 * took over a minute on a loaded machine).
 */
async function installedPackages(): Promise<Map<string, InstalledPackage>> {
  // biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query's own field syntax
  const format = '${Package}\t${db:Status-Status}\t${Version}\t${Depends}, ${Pre-Depends}\n';
  const packages = new Map<string, InstalledPackage>();
  for (const line of (await dpkgQuery(['-W', `-f=${format}`])).split('\n')) {
    const [name, status, version, fields] = line.split('\t');
    if (!name || status !== 'installed' || version === undefined) continue;
    const depends = (fields ?? '')
      .split(',')
      .map((group) => group.trim())
      .filter(Boolean)
      .map((group) => group.split('|').map((alt) => alt.trim().split(/[\s(:]/)[0] ?? ''));
    packages.set(name, { version, depends });
  }
  return packages;
}

/** The packages and everything they depend on (for each alternative group, the first one installed). */
export function packageClosure(
  roots: readonly string[],
  packages: ReadonlyMap<string, InstalledPackage>,
): string[] {
  const missing = roots.filter((name) => !packages.has(name));
  if (missing.length > 0)
    throw new Error(`to build the image base, install on this host: apt-get install ${missing.join(' ')}`);
  const seen = new Set<string>();
  const queue = [...roots];
  for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
    if (seen.has(name)) continue;
    seen.add(name);
    for (const group of packages.get(name)?.depends ?? []) {
      const found = group.find((alt) => packages.has(alt));
      if (found) queue.push(found);
    }
  }
  return [...seen].sort();
}

/** A listed path with its directories resolved (/bin/ls → /usr/bin/ls on merged /usr); the leaf stays as is. */
function canonical(path: string): string {
  try {
    return join(realpathSync(dirname(path)), path.slice(path.lastIndexOf('/') + 1));
  } catch {
    return path;
  }
}

/** Every file, link and directory the packages own, canonical and existing. */
async function packageFiles(packages: readonly string[]): Promise<string[]> {
  const listed = (await dpkgQuery(['-L', ...packages])).split('\n');
  const files = new Set<string>();
  for (const raw of listed) {
    if (!raw.startsWith('/') || raw === '/' || SKIPPED_PREFIXES.some((p) => raw.startsWith(p))) continue;
    const path = canonical(raw);
    if (path === '/' || !existsSync(path) || SKIPPED_PREFIXES.some((p) => path.startsWith(p))) continue;
    // A directory that is a top-level link (merged /usr) is recreated as that link, not copied.
    if (HOST_SYSTEM_DIRS.some((d) => path === `/${d}`)) continue;
    files.add(path);
  }
  return [...files].sort();
}

/** Directories whose links into /etc/alternatives make a command (iptables → iptables-nft). */
const ALTERNATIVE_LINK_DIRS = ['/usr/bin', '/usr/sbin'];

/**
 * update-alternatives links (not listed by dpkg -L) whose choice is one of `files`: both the command's link and
 * its /etc/alternatives entry, so `iptables` exists in the image as it does here.
 */
function alternativeLinks(files: ReadonlySet<string>): string[] {
  const chosen = new Set<string>();
  for (const name of existsSync('/etc/alternatives') ? readdirSync('/etc/alternatives') : []) {
    const link = `/etc/alternatives/${name}`;
    try {
      if (files.has(realpathSync(link))) chosen.add(link);
    } catch {
      // A dangling alternative: not ours.
    }
  }
  const commands = ALTERNATIVE_LINK_DIRS.flatMap((dir) =>
    readdirSync(dir)
      .map((name) => join(dir, name))
      .filter((path) => lstatSync(path).isSymbolicLink() && chosen.has(readlinkSync(path))),
  );
  return [...chosen, ...commands];
}

/** Fills `root` with the packages' files (tar keeps modes, links and owners). */
async function copyPackages(root: string, packages: readonly string[]): Promise<void> {
  const list = join(dirname(root), 'files.txt');
  const files = await packageFiles(packages);
  const all = [...files, ...alternativeLinks(new Set(files))];
  writeFileSync(list, `${all.map((p) => p.slice(1)).join('\n')}\n`);
  const pipeline = 'tar -C / --no-recursion -cf - -T "$1" | tar -C "$2" -xpf -';
  await runHostCommand('sh', ['-c', pipeline, 'sh', list, root], { env: HOST_TOOL_ENV, timeoutMs: 600_000 });
  for (const name of HOST_SYSTEM_DIRS) {
    const hostPath = `/${name}`;
    if (existsSync(hostPath) && lstatSync(hostPath).isSymbolicLink() && !existsSync(join(root, name)))
      symlinkSync(readlinkSync(hostPath), join(root, name));
  }
  for (const dir of [...IMAGE_EMPTY_DIRS, 'etc/cni/net.d'])
    mkdirSync(join(root, dir), { recursive: true, mode: dir === 'tmp' ? 0o1777 : 0o755 });
  chmodSync(join(root, 'tmp'), 0o1777);
  // Name lookups of users and groups (ps, tar) need these; the host's own are not copied.
  writeFileSync(
    join(root, 'etc/passwd'),
    'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n',
  );
  writeFileSync(join(root, 'etc/group'), 'root:x:0:\nnogroup:x:65534:\n');
}

/** Bump when copyPackages changes what it writes: the tag must name the recipe as well as the packages. */
const RECIPE = 3;

/**
 * Builds the Debian base image from this host's packages, once per set of installed package versions (the tag
 * hashes them, so an upgrade makes a new base and an unchanged host copies nothing); returns its tag.
 */
export async function ensureDebianBaseImage(packages: readonly string[] = BASE_PACKAGES): Promise<string> {
  const installed = await installedPackages();
  const closure = packageClosure(packages, installed);
  const versions = closure.map((name) => `${name}=${installed.get(name)?.version}`).join('\n');
  const key = createHash('sha256').update(`${RECIPE}\n${versions}`).digest('hex').slice(0, 16);
  const tag = `cni-conformance/debian-base:${key}`;
  if ((await dockerOk(['images', '-q', tag])) !== '') return tag;
  const imported = await importRootfs('cni-conformance/debian-base', (root) => copyPackages(root, closure));
  await dockerOk(['tag', imported, tag]);
  return tag;
}

/**
 * `docker build` of the Dockerfile at `root` on the Debian base: the harness (dist/ must be built) with Node,
 * no plugin. Returns the tag. Nothing is pulled: the base is local and the build runs with `--pull=false`.
 */
export async function buildHarnessImage(root: string, tag: string): Promise<string> {
  const base = await ensureDebianBaseImage();
  if (!existsSync(join(root, 'dist/cli.js')))
    throw new Error(`${root}/dist/cli.js is missing: run npm run build first`);
  await dockerOk(['build', '--pull=false', '--build-arg', `BASE=${base}`, '-t', tag, root], {
    timeoutMs: 600_000,
  });
  return tag;
}
