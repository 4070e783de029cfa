/**
 * The one archive uploaded to the VM: the harness package (without dev-only tools), the host's node
 * binary (Debian 12 and Ubuntu 24.04 ship node 18; the harness needs 20), the plugin, its config and
 * every CNI_PATH directory, each under a fixed guest name so the inner CLI's argv is predictable.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { HarnessError } from '../../errors.ts';
import { HostCommandError, type HostCommandRunner, runHostCommand } from '../host-command.ts';
import { DEFAULT_PATH } from '../host-executor.ts';

/** Where the archive is unpacked in the guest. */
export const GUEST_ROOT = '/tmp/cni-conformance';

/** Package entries the CLI needs at run time (dist bundles, suite sources, vitest and friends). */
const PACKAGE_ENTRIES = [
  'package.json',
  'dist',
  'src',
  'suites',
  'schemas',
  'fixtures',
  'vitest.suites.config.ts',
  'tsconfig.json',
  'node_modules',
];

/** Dev-only tools, never needed to run the suites (about 125 MB). */
const EXCLUDED = [
  'node_modules/@biomejs',
  'node_modules/typescript',
  'node_modules/@types',
  'node_modules/.cache',
];

/** What goes into the VM. */
export interface PayloadSources {
  readonly packageRoot: string;
  readonly nodeBinary: string;
  readonly pluginPath?: string;
  readonly configFile?: string;
  readonly cniPath: readonly string[];
}

/** Guest paths of what the payload holds, for the inner CLI's argv. */
export interface GuestLayout {
  readonly packageRoot: string;
  readonly node: string;
  readonly pluginPath?: string;
  readonly configFile?: string;
  readonly cniPath: readonly string[];
}

/** Where each source lands in the guest. */
export function guestLayout(sources: PayloadSources): GuestLayout {
  return {
    packageRoot: `${GUEST_ROOT}/pkg`,
    node: `${GUEST_ROOT}/node`,
    ...(sources.pluginPath ? { pluginPath: `${GUEST_ROOT}/plugin/${basename(sources.pluginPath)}` } : {}),
    ...(sources.configFile ? { configFile: `${GUEST_ROOT}/config/${basename(sources.configFile)}` } : {}),
    cniPath: sources.cniPath.map((_, index) => `${GUEST_ROOT}/cni/${index}`),
  };
}

/** `tar --append` argv steps, one per source; each renames its members with its own --transform. */
export function tarSteps(sources: PayloadSources, archive: string): string[][] {
  const append = (dir: string, transform: string, members: string[], extra: string[] = []) => [
    'tar',
    '--append',
    '--file',
    archive,
    ...extra,
    '--transform',
    transform,
    '-C',
    dir,
    ...members,
  ];
  const entries = PACKAGE_ENTRIES.filter((entry) => existsSync(join(sources.packageRoot, entry)));
  const steps = [
    append(
      sources.packageRoot,
      's,^,pkg/,',
      entries,
      EXCLUDED.map((path) => `--exclude=${path}`),
    ),
    append(dirname(sources.nodeBinary), 's,^.*$,node,', [basename(sources.nodeBinary)], ['--dereference']),
  ];
  if (sources.pluginPath) {
    steps.push(
      append(dirname(sources.pluginPath), 's,^,plugin/,', [basename(sources.pluginPath)], ['--dereference']),
    );
  }
  if (sources.configFile) {
    steps.push(append(dirname(sources.configFile), 's,^,config/,', [basename(sources.configFile)]));
  }
  for (const [index, dir] of sources.cniPath.entries()) {
    steps.push(append(dir, `s,^\\.,cni/${index},`, ['.']));
  }
  return steps;
}

/** Builds `<archive>.gz` on the host (tar and gzip through `run`) and returns its path. */
export async function buildPayload(
  sources: PayloadSources,
  archive: string,
  run: HostCommandRunner = runHostCommand,
): Promise<string> {
  for (const argv of [...tarSteps(sources, archive), ['gzip', '-1', '-f', archive]]) {
    const [file, ...args] = argv as [string, ...string[]];
    await run(file, args, { env: { PATH: DEFAULT_PATH }, timeoutMs: 300_000 }).catch((error: unknown) => {
      if (!(error instanceof HostCommandError)) throw error;
      throw new HarnessError('CNI_CONFORMANCE_SANDBOX_FAILED', `vagrant payload: ${error.message}`, {
        cause: error,
      });
    });
  }
  return `${archive}.gz`;
}
