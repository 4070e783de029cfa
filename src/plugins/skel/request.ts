/**
 * Parsing and gating the stdin request (P-CONF-*, P-VER-*): decode (code 6), network name (code 7), version
 * support (code 1) and the verb's version gate from the verb table (code 1).
 */

import { NETWORK_NAME_PATTERN } from '../../spec/identifiers.ts';
import { compareVersions, type Verb } from '../../spec/versions.ts';
import type { CniEnv } from './env.ts';
import { VERB_RULES } from './env.ts';
import { PLUGIN_ERROR_CODES, PluginError } from './errors.ts';

/** The decoded request configuration: keys are read by each plugin with its own checks. */
export type RawConfig = Readonly<Record<string, unknown>>;

/** Everything a verb handler receives. */
export interface PluginRequest {
  readonly env: CniEnv;
  /** The exact stdin bytes, forwarded unchanged to delegated plugins (P-DLG-2). */
  readonly stdin: string;
  readonly config: RawConfig;
  readonly name: string;
  readonly cniVersion: string;
}

/** Libcni and skel treat a missing cniVersion as 0.1.0 (P-VER-*). */
export const DEFAULT_CONFIG_VERSION = '0.1.0';

function decode(stdin: string): RawConfig {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdin);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new PluginError(PLUGIN_ERROR_CODES.DECODING_FAILURE, 'error decoding network config', reason);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new PluginError(PLUGIN_ERROR_CODES.DECODING_FAILURE, 'network config is not a JSON object');
  }
  return parsed as RawConfig;
}

function readName(config: RawConfig): string {
  if (config.type !== undefined && typeof config.type !== 'string') {
    throw new PluginError(
      PLUGIN_ERROR_CODES.INVALID_NETWORK_CONFIG,
      'type must be a string',
      JSON.stringify(config.type),
    );
  }
  const name = config.name;
  if (typeof name !== 'string' || name === '') {
    throw new PluginError(PLUGIN_ERROR_CODES.INVALID_NETWORK_CONFIG, 'missing network name');
  }
  if (!NETWORK_NAME_PATTERN.test(name)) {
    throw new PluginError(
      PLUGIN_ERROR_CODES.INVALID_NETWORK_CONFIG,
      'invalid characters found in network name',
      name,
    );
  }
  return name;
}

/** The request's cniVersion, or undefined when the stdin could not carry one. */
export function readVersion(config: RawConfig): string {
  const version = config.cniVersion ?? DEFAULT_CONFIG_VERSION;
  if (typeof version !== 'string') {
    throw new PluginError(
      PLUGIN_ERROR_CODES.DECODING_FAILURE,
      'cniVersion must be a string',
      String(version),
    );
  }
  return version;
}

function gateVersion(verb: Verb, version: string, supported: readonly string[]): void {
  if (!supported.includes(version)) {
    throw new PluginError(
      PLUGIN_ERROR_CODES.INCOMPATIBLE_VERSION,
      'incompatible CNI versions',
      `config is "${version}", plugin supports ${JSON.stringify(supported)}`,
    );
  }
  if (compareVersions(version, VERB_RULES[verb].minVersion) < 0) {
    throw new PluginError(
      PLUGIN_ERROR_CODES.INCOMPATIBLE_VERSION,
      `config version does not allow ${verb}`,
      version,
    );
  }
}

/** Decodes and validates stdin for a verb other than VERSION. */
export function parseRequest(env: CniEnv, stdin: string, supported: readonly string[]): PluginRequest {
  const config = decode(stdin);
  const name = readName(config);
  const cniVersion = readVersion(config);
  gateVersion(env.command, cniVersion, supported);
  return { env, stdin, config, name, cniVersion };
}
