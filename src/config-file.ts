/**
 * Network configuration files as the admin wrote them: read (one-line errors for a missing file or bad JSON) and
 * normalised to a list (a single-plugin `.conf` upconverted the way libcni does). Shared by the plugin run and the
 * cluster command.
 */
import { existsSync, readFileSync } from 'node:fs';
import { HarnessError } from './errors.ts';
import type { JsonObject, TargetConflist } from './target.ts';

/** A JSON object (not null, not an array). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads a JSON config file; a missing file or bad JSON is a one-line HarnessError. */
export function readJson(file: string): unknown {
  if (!existsSync(file))
    throw new HarnessError('CNI_CONFORMANCE_FILE_NOT_FOUND', `config file not found: ${file}`);
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new HarnessError('CNI_CONFORMANCE_CONFIG_INVALID', `config is not JSON: ${file}: ${reason}`);
  }
}

/** A conflist as is, or a single plugin config (.conf) upconverted the way libcni does. */
export function normalizeConflist(raw: unknown, source: string): TargetConflist {
  if (!isObject(raw))
    throw new HarnessError('CNI_CONFORMANCE_CONFIG_INVALID', `config is not a JSON object: ${source}`);
  const name = typeof raw.name === 'string' && raw.name !== '' ? raw.name : 'conformance';
  if (Array.isArray(raw.plugins)) {
    if (raw.plugins.length === 0 || !raw.plugins.every(isObject)) {
      throw new HarnessError(
        'CNI_CONFORMANCE_CONFIG_INVALID',
        `config ${source}: /plugins must be a non-empty list of objects`,
      );
    }
    return { ...raw, name, plugins: raw.plugins };
  }
  if (typeof raw.type !== 'string') {
    throw new HarnessError(
      'CNI_CONFORMANCE_CONFIG_INVALID',
      `config ${source} has neither /plugins nor /type`,
    );
  }
  const { cniVersion, name: _name, ...plugin } = raw;
  return { ...(typeof cniVersion === 'string' ? { cniVersion } : {}), name, plugins: [plugin] };
}
