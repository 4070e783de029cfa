/**
 * CNI_NETNS handling. Node cannot setns(2), so commands run inside the container's namespace through
 * `nsenter --net=<path>`; the path is first checked to be a namespace file (nsfs or procfs, P-ENV-7).
 */
import { statfsSync } from 'node:fs';
import { PLUGIN_ERROR_CODES, PluginError } from './errors.ts';

const NSFS_MAGIC = 0x6e736673;
const PROC_SUPER_MAGIC = 0x9fa0;

/** What a CNI_NETNS path turned out to be. */
export type NetnsState = 'namespace' | 'missing';

/** Checks a CNI_NETNS path: a namespace file, or missing; anything else is a code-4 error. */
export function inspectNetns(path: string): NetnsState {
  let type: number;
  try {
    type = statfsSync(path).type;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw new PluginError(
      PLUGIN_ERROR_CODES.INVALID_ENVIRONMENT,
      `failed to open netns "${path}"`,
      String(error),
    );
  }
  if (type !== NSFS_MAGIC && type !== PROC_SUPER_MAGIC) {
    throw new PluginError(
      PLUGIN_ERROR_CODES.INVALID_ENVIRONMENT,
      `CNI_NETNS is not a network namespace: unknown FS magic 0x${type.toString(16)}`,
      path,
    );
  }
  return 'namespace';
}

/** Like {@link inspectNetns} but a missing namespace is an error too (ADD, CHECK). */
export function requireNetns(path: string): void {
  if (inspectNetns(path) === 'missing') {
    throw new PluginError(
      PLUGIN_ERROR_CODES.INVALID_ENVIRONMENT,
      `failed to open netns "${path}": no such file`,
      path,
    );
  }
}

/** argv that runs `argv` inside the network namespace at `netnsPath`. */
export function inNetns(netnsPath: string, argv: readonly string[]): string[] {
  return ['nsenter', `--net=${netnsPath}`, '--', ...argv];
}
