/**
 * Reading the CNI_* environment: one verb table says which variables each verb requires (spec columns of
 * P-ENV-*), and every missing variable is reported in one code-4 error (P-ENV-2).
 */

import { CONTAINER_ID_PATTERN, validateInterfaceName } from '../../spec/identifiers.ts';
import { VERB_MIN_VERSION, VERBS, type Verb } from '../../spec/versions.ts';
import { PLUGIN_ERROR_CODES, PluginError } from './errors.ts';

type EnvName = 'CNI_CONTAINERID' | 'CNI_NETNS' | 'CNI_IFNAME' | 'CNI_PATH';

/** What skel knows about a verb: the env it requires and the first spec version that has it. */
export interface VerbRule {
  readonly requires: readonly EnvName[];
  readonly minVersion: string;
}

/** The one verb table; version gates come from src/spec/versions.ts (VERB_MIN_VERSION). */
export const VERB_RULES: Readonly<Record<Verb, VerbRule>> = {
  ADD: { requires: ['CNI_CONTAINERID', 'CNI_NETNS', 'CNI_IFNAME'], minVersion: VERB_MIN_VERSION.ADD },
  DEL: { requires: ['CNI_CONTAINERID', 'CNI_IFNAME'], minVersion: VERB_MIN_VERSION.DEL },
  CHECK: { requires: ['CNI_CONTAINERID', 'CNI_NETNS', 'CNI_IFNAME'], minVersion: VERB_MIN_VERSION.CHECK },
  GC: { requires: ['CNI_PATH'], minVersion: VERB_MIN_VERSION.GC },
  STATUS: { requires: [], minVersion: VERB_MIN_VERSION.STATUS },
  VERSION: { requires: [], minVersion: VERB_MIN_VERSION.VERSION },
};

/** The attachment parameters a verb received; empty strings where the verb does not use one. */
export interface CniEnv {
  readonly command: Verb;
  readonly containerId: string;
  readonly netns: string;
  readonly ifname: string;
  readonly args: string;
  /** CNI_PATH split on ':' with empty entries dropped. */
  readonly path: readonly string[];
}

type Getenv = (name: string) => string | undefined;

function parseCommand(getenv: Getenv): Verb {
  const raw = getenv('CNI_COMMAND') ?? '';
  if (raw === '') {
    throw new PluginError(
      PLUGIN_ERROR_CODES.INVALID_ENVIRONMENT,
      'required env variables [CNI_COMMAND] missing',
    );
  }
  if (!(VERBS as readonly string[]).includes(raw)) {
    throw new PluginError(PLUGIN_ERROR_CODES.INVALID_ENVIRONMENT, `unknown CNI_COMMAND: ${raw}`);
  }
  return raw as Verb;
}

function validateAttachment(env: CniEnv, rule: VerbRule): void {
  if (rule.requires.includes('CNI_CONTAINERID') && !CONTAINER_ID_PATTERN.test(env.containerId)) {
    throw new PluginError(
      PLUGIN_ERROR_CODES.INVALID_ENVIRONMENT,
      'invalid characters in CNI_CONTAINERID',
      env.containerId,
    );
  }
  if (rule.requires.includes('CNI_IFNAME')) {
    const problem = validateInterfaceName(env.ifname);
    if (problem)
      throw new PluginError(
        PLUGIN_ERROR_CODES.INVALID_ENVIRONMENT,
        `CNI_IFNAME: ${problem.reason}`,
        env.ifname,
      );
  }
}

/** Reads and validates the environment for the verb in CNI_COMMAND; throws a code-4 PluginError. */
export function readCniEnv(getenv: Getenv): CniEnv {
  const command = parseCommand(getenv);
  const rule = VERB_RULES[command];
  const missing = rule.requires.filter((name) => (getenv(name) ?? '') === '');
  if (missing.length > 0) {
    throw new PluginError(
      PLUGIN_ERROR_CODES.INVALID_ENVIRONMENT,
      `required env variables [${missing.join(',')}] missing`,
    );
  }
  const env: CniEnv = {
    command,
    containerId: getenv('CNI_CONTAINERID') ?? '',
    netns: getenv('CNI_NETNS') ?? '',
    ifname: getenv('CNI_IFNAME') ?? '',
    args: getenv('CNI_ARGS') ?? '',
    path: (getenv('CNI_PATH') ?? '').split(':').filter((dir) => dir !== ''),
  };
  validateAttachment(env, rule);
  return env;
}
