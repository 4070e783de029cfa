/**
 * Delegation (P-DLG-*): find the delegate by its type on CNI_PATH, exec it with our environment (only
 * CNI_COMMAND may differ) and our exact stdin, pass its stderr through, and surface its error unchanged.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Verb } from '../../spec/versions.ts';
import { PLUGIN_ERROR_CODES, PluginError } from './errors.ts';
import { runCommand } from './exec.ts';
import type { PluginRequest } from './request.ts';

/** The first CNI_PATH entry holding an executable regular file named `type`. */
export function findPlugin(type: string, path: readonly string[]): string | undefined {
  for (const dir of path) {
    const candidate = join(dir, type);
    try {
      if (!statSync(candidate).isFile()) continue;
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not in this directory.
    }
  }
  return undefined;
}

async function runDelegate(
  file: string,
  verb: Verb,
  stdin: string,
): Promise<{ code: number; stdout: string }> {
  const outcome = await runCommand([file], {
    env: { ...process.env, CNI_COMMAND: verb },
    input: stdin,
    passStderr: true,
  });
  if (outcome.spawnError !== undefined)
    return { code: 127, stdout: JSON.stringify({ code: 999, msg: outcome.spawnError }) };
  return { code: outcome.exitCode, stdout: outcome.stdout };
}

function delegateError(type: string, stdout: string, exitCode: number): PluginError {
  try {
    const wire = JSON.parse(stdout) as { code?: unknown; msg?: unknown; details?: unknown };
    if (typeof wire.code === 'number' && typeof wire.msg === 'string') {
      return new PluginError(
        wire.code,
        wire.msg,
        typeof wire.details === 'string' ? wire.details : undefined,
      );
    }
  } catch {
    // Not an error object: report the raw output below.
  }
  return new PluginError(
    PLUGIN_ERROR_CODES.INTERNAL,
    `delegate ${type} failed with exit ${exitCode}`,
    stdout.trim(),
  );
}

/**
 * Runs delegate `type` for `verb` with the request's stdin; returns its parsed stdout on ADD. A delegate
 * missing from CNI_PATH is code 50 on STATUS (cannot service ADD) and code 7 otherwise.
 */
export async function invokeDelegate(type: string, verb: Verb, request: PluginRequest): Promise<unknown> {
  if (type.includes('/') || type.includes('\\')) throw new PluginError(7, 'invalid plugin name', type);
  const file = findPlugin(type, request.env.path);
  if (!file) {
    const code =
      verb === 'STATUS' ? PLUGIN_ERROR_CODES.PLUGIN_NOT_AVAILABLE : PLUGIN_ERROR_CODES.INVALID_NETWORK_CONFIG;
    throw new PluginError(code, `failed to find plugin "${type}" in path`, JSON.stringify(request.env.path));
  }
  const outcome = await runDelegate(file, verb, request.stdin);
  if (outcome.code !== 0) throw delegateError(type, outcome.stdout, outcome.code);
  if (verb !== 'ADD') return undefined;
  try {
    return JSON.parse(outcome.stdout) as unknown;
  } catch {
    throw new PluginError(
      PLUGIN_ERROR_CODES.DECODING_FAILURE,
      `delegate ${type} printed an unparsable result`,
      outcome.stdout,
    );
  }
}
