/**
 * Where the spy keeps its log and control file. Runtimes strip the environment (daemons, separate
 * cleanup processes) and VERSION probes carry no config, so several sources are tried, most specific first.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DEFAULT_SPY_DIR, SPY_DIR_CONFIG_KEY, SPY_DIR_ENV, SPY_DIR_SIDECAR } from './record.ts';

function readSidecar(scriptPath: string): string | undefined {
  try {
    const text = readFileSync(join(dirname(scriptPath), SPY_DIR_SIDECAR), 'utf8').trim();
    return text === '' ? undefined : text;
  } catch {
    return undefined;
  }
}

function configDir(config: unknown): string | undefined {
  if (typeof config !== 'object' || config === null) return undefined;
  const value = (config as Record<string, unknown>)[SPY_DIR_CONFIG_KEY];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * The spy directory: the `spyDir` config key, else `CNI_SPY_DIR`, else a `.cni-spy-dir` file beside the
 * executable, else `/run/cni-spy` (private per sandbox, since each sandbox mounts its own /run).
 */
export function locateSpyDir(config: unknown, env: NodeJS.ProcessEnv, scriptPath: string): string {
  return configDir(config) ?? (env[SPY_DIR_ENV] || undefined) ?? readSidecar(scriptPath) ?? DEFAULT_SPY_DIR;
}
