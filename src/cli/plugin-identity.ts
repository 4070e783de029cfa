/**
 * Which build of a plugin this is: the sha256 of the binary, and the Debian package and version that ship it when
 * dpkg owns the file and the file is unmodified (its md5 matches the package's md5sums). Known upstream bugs are
 * pinned to this identity, never to an install directory: a third-party binary copied to /usr/lib/cni or
 * /opt/cni/bin under a reference type name has no Debian identity and a different sha256.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, realpathSync } from 'node:fs';
import type { PluginIdentity } from '../spec/known-bugs.ts';

function digest(algorithm: 'sha256' | 'md5', bytes: Buffer): string {
  return createHash(algorithm).update(bytes).digest('hex');
}

/** stdout of a dpkg tool, or undefined when the tool is missing or says no. */
function dpkg(tool: string, args: readonly string[]): string | undefined {
  try {
    return execFileSync(tool, args, {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 10_000,
    });
  } catch {
    return undefined;
  }
}

/** "containernetworking-plugins: /usr/lib/cni/bridge" → the package, when exactly one package owns the file. */
function owningPackage(file: string): string | undefined {
  const owners = dpkg('dpkg', ['-S', file])
    ?.split('\n')
    .filter((line) => line.endsWith(`: ${file}`))
    .flatMap((line) => line.slice(0, -`: ${file}`.length).split(', '));
  return owners?.length === 1 ? owners[0] : undefined;
}

/** True when the package's md5sums list the file with this md5 (the file is the one dpkg installed). */
function unmodified(pkg: string, file: string, md5: string): boolean {
  const sums = dpkg('dpkg-query', ['--control-path', pkg, 'md5sums'])?.trim();
  if (!sums) return false;
  try {
    return readFileSync(sums, 'utf8')
      .split('\n')
      .some((line) => line === `${md5}  ${file.slice(1)}`);
  } catch {
    return false;
  }
}

function debianIdentity(file: string, md5: string): PluginIdentity['debian'] {
  const pkg = owningPackage(file);
  if (pkg === undefined || !unmodified(pkg, file, md5)) return undefined;
  const version = dpkg('dpkg-query', ['-W', `--showformat=\${Version}`, pkg])?.trim();
  return version ? { package: pkg.replace(/:[^:]+$/, ''), version, file } : undefined;
}

const cache = new Map<string, PluginIdentity>();

/** The identity of the plugin binary at `path` (computed once per path and run). */
export function identifyPlugin(path: string): PluginIdentity {
  const file = realpathSync(path);
  const known = cache.get(file);
  if (known) return known;
  const bytes = readFileSync(file);
  const debian = debianIdentity(file, digest('md5', bytes));
  const identity: PluginIdentity = { sha256: digest('sha256', bytes), ...(debian ? { debian } : {}) };
  cache.set(file, identity);
  return identity;
}
