/**
 * Which build of a plugin this is: the sha256 of the binary, and the Debian package and version that ship it when
 * a package the pins name owns the file and the file is unmodified (its md5 matches the package's md5sums). Known upstream bugs are
 * pinned to this identity, never to an install directory: a third-party binary copied to /usr/lib/cni or
 * /opt/cni/bin under a reference type name has no Debian identity and a different sha256.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { KNOWN_BUGS, type PluginIdentity } from '../spec/known-bugs.ts';

function digest(algorithm: 'sha256' | 'md5', bytes: Buffer): string {
  return createHash(algorithm).update(bytes).digest('hex');
}

const DPKG_INFO = '/var/lib/dpkg/info';
const DPKG_STATUS = '/var/lib/dpkg/status';

/**
 * The Debian packages the pins name. Only their ownership of a file can matter, and reading their md5sums and the
 * status file directly costs no process: `dpkg -S` scans every package's file list and took over 10 s on a loaded
 * machine, which left known bugs unannotated.
 */
function pinnedPackages(): string[] {
  return [
    ...new Set(
      KNOWN_BUGS.flatMap((bug) => bug.builds.flatMap((b) => ('debianPackage' in b ? [b.debianPackage] : []))),
    ),
  ];
}

function readOrEmpty(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** The md5sums files of `pkg` ("pkg.md5sums", or "pkg:amd64.md5sums" for a multi-arch package). */
function md5sumsFiles(pkg: string, infoFiles: readonly string[]): string[] {
  return infoFiles
    .filter((name) => name === `${pkg}.md5sums` || (name.startsWith(`${pkg}:`) && name.endsWith('.md5sums')))
    .map((name) => join(DPKG_INFO, name));
}

/** The installed version of `pkg` from dpkg's status file. */
function installedVersion(pkg: string): string | undefined {
  const stanza = readOrEmpty(DPKG_STATUS)
    .split('\n\n')
    .find((block) => block.startsWith(`Package: ${pkg}\n`) && /^Status: .* installed$/m.test(block));
  return stanza?.match(/^Version: (.+)$/m)?.[1];
}

/** The pinned package that installed exactly these bytes at `file` (its md5sums list the file with this md5). */
function debianIdentity(file: string, bytes: Buffer): PluginIdentity['debian'] {
  let infoFiles: string[];
  try {
    infoFiles = readdirSync(DPKG_INFO);
  } catch {
    return undefined;
  }
  const listed = `  ${file.slice(1)}`;
  const lines = pinnedPackages().flatMap((name) =>
    md5sumsFiles(name, infoFiles).flatMap((sums) =>
      readOrEmpty(sums)
        .split('\n')
        .filter((line) => line.endsWith(listed))
        .map((line) => ({ name, line })),
    ),
  );
  // Hashed only when a pinned package lists this path: a large unlisted binary costs no md5.
  const entry = lines.length > 0 ? `${digest('md5', bytes)}${listed}` : undefined;
  const pkg = lines.find(({ line }) => line === entry)?.name;
  const version = pkg === undefined ? undefined : installedVersion(pkg);
  return pkg && version ? { package: pkg, version, file } : undefined;
}

const cache = new Map<string, PluginIdentity>();

/** The identity of the plugin binary at `path` (computed once per path and run). */
export function identifyPlugin(path: string): PluginIdentity {
  const file = realpathSync(path);
  const known = cache.get(file);
  if (known) return known;
  const bytes = readFileSync(file);
  const debian = debianIdentity(file, bytes);
  const identity: PluginIdentity = { sha256: digest('sha256', bytes), ...(debian ? { debian } : {}) };
  cache.set(file, identity);
  return identity;
}
