/**
 * Adapter `libcni`: Debian's golang-github-appc-cni-dev (libcni 1.1.2, CNI up to 1.0.0, no GC/STATUS) driven
 * by drivers/libcni/main.go, built here with Debian's golang in GOPATH mode (offline, no module download).
 * Packages: golang-go golang-github-appc-cni-dev.
 */
import { access, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { HarnessError } from '../../errors.ts';
import { runHostCommand } from '../../sandbox/host-command.ts';
import type { RuntimeAdapter } from '../adapter.ts';
import type { Workspace } from '../workspace.ts';
import { createCommandAdapter } from './command.ts';

/** Where Debian installs Go sources (GOPATH layout). */
export const DEBIAN_GOPATH = '/usr/share/gocode';
const DRIVER_SOURCE = resolve(import.meta.dirname, '../../../drivers/libcni');
const CNITOOL_SOURCE = resolve(import.meta.dirname, '../../../drivers/cnitool');
const LIBCNI_SOURCE = join(DEBIAN_GOPATH, 'src/github.com/containernetworking/cni/libcni');

/** Why the libcni adapter cannot run here, or undefined when it can. */
export async function libcniUnavailable(): Promise<string | undefined> {
  const go = await runHostCommand('go', ['version']).then(
    () => true,
    () => false,
  );
  if (!go) return 'Debian package golang-go is not installed (no `go`)';
  const lib = await access(LIBCNI_SOURCE).then(
    () => true,
    () => false,
  );
  return lib ? undefined : `Debian package golang-github-appc-cni-dev is not installed (no ${LIBCNI_SOURCE})`;
}

const built = new Map<string, Promise<string>>();

/**
 * Builds `drivers/<name>` (a Go main package against Debian's libcni) once per process and output dir; returns
 * the binary path. `libcni-driver` is the runtime adapter's driver, `cnitool` libcni 1.1.2's cnitool.
 */
export function buildDebianGoDriver(
  name: 'libcni-driver' | 'cnitool',
  outDir = join(tmpdir(), 'cni-conformance-drivers'),
): Promise<string> {
  const binary = join(outDir, name);
  let pending = built.get(binary);
  if (!pending) {
    pending = (async () => {
      const reason = await libcniUnavailable();
      if (reason)
        throw new HarnessError('CNI_CONFORMANCE_PREREQUISITE_MISSING', `${name}: ${reason}`, {
          fix: 'apt-get install -y golang-go golang-github-appc-cni-dev',
        });
      await mkdir(outDir, { recursive: true });
      const env = {
        ...process.env,
        GOPATH: DEBIAN_GOPATH,
        GO111MODULE: 'off',
        GOFLAGS: '',
        GOCACHE: join(outDir, 'gocache'),
      };
      const source = name === 'cnitool' ? CNITOOL_SOURCE : DRIVER_SOURCE;
      await runHostCommand('go', ['build', '-o', binary, '.'], { cwd: source, env });
      return binary;
    })();
    built.set(binary, pending);
  }
  return pending;
}

/** Builds the libcni adapter's driver once per process; returns the binary path. */
export function buildLibcniDriver(outDir?: string): Promise<string> {
  return buildDebianGoDriver('libcni-driver', outDir);
}

function driverCommand(binary: string, cniPath: readonly string[], verb: 'add' | 'check' | 'del'): string[] {
  return [
    binary,
    '-confdir',
    '{confdir}',
    '-cnipath',
    // Both workspace dirs, colon-separated as libcni's callers split CNI_PATH (R-ENV-7 needs the second).
    cniPath.join(':'),
    '-cachedir',
    '{cachedir}',
    '-id',
    '{id}',
    '-netns',
    '{netns}',
    '-ifname',
    '{ifname}',
    '-capargs',
    '{capargs}',
    verb,
    '{network}',
  ];
}

/** Builds the libcni adapter (builds the driver on first use). */
export async function createLibcniAdapter(workspace: Workspace): Promise<RuntimeAdapter> {
  const binary = await buildLibcniDriver();
  const inner = createCommandAdapter(workspace, {
    name: 'libcni',
    commands: {
      add: driverCommand(binary, workspace.cniPath, 'add'),
      check: driverCommand(binary, workspace.cniPath, 'check'),
      del: driverCommand(binary, workspace.cniPath, 'del'),
    },
  });
  // libcni 1.1.2: version.Current() is 1.0.0; GC and STATUS arrived in libcni 1.2.
  return { ...inner, maxVersion: '1.0.0', cacheDir: workspace.cacheDir, cniPath: workspace.cniPath };
}
