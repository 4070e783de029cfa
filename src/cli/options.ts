/**
 * Run options: what commander parsed (`RunOptions`, all strings, unchecked) → validated `ResolvedRunOptions`.
 * Every problem is a one-line HarnessError naming the option, the value and the fix.
 */
import { resolve } from 'node:path';
import ipaddr from 'ipaddr.js';
import { HarnessError } from '../errors.ts';
import type { InnerRunOptions } from '../sandbox/inner-run.ts';
import type { ShardSpec } from '../shard.ts';
import { findRequirement, matchesRequirementPattern, REQUIREMENTS } from '../spec/requirements.ts';
import { CNI_VERSIONS, type CniVersion, isCniVersion } from '../spec/versions.ts';
import type { FailOn, Observation, PluginRole, Profile } from '../target.ts';
import { didYouMean } from './did-you-mean.ts';

/** Options as commander gives them. */
export interface RunOptions {
  readonly config?: string;
  readonly cniPath?: string;
  readonly role?: string;
  readonly profile?: string;
  readonly failOn?: string;
  readonly versions?: string;
  readonly only?: readonly string[];
  readonly skip?: readonly string[];
  readonly timeout?: string;
  readonly parallel?: string;
  readonly junit?: string;
  readonly json?: string;
  readonly html?: string;
  readonly reportDir?: string;
  readonly sandbox?: string;
  readonly image?: string;
  readonly seed?: string;
  readonly acceptKnown?: boolean;
  readonly timings?: boolean;
  readonly watchDir?: readonly string[];
  readonly stateDir?: readonly string[];
  readonly stateCommand?: string;
  readonly ipamRange?: string;
  readonly shard?: string;
  readonly durations?: string;
}

/**
 * Validated options: the fields a sandboxed inner run honours (InnerRunOptions, narrowed here to the CLI's
 * enums) plus the choice of sandbox.
 */
export interface ResolvedRunOptions extends InnerRunOptions {
  readonly role: PluginRole | undefined;
  readonly profile: Profile;
  readonly failOn: FailOn;
  readonly versions: readonly CniVersion[] | undefined;
  readonly sandbox: 'netns' | 'docker' | 'vagrant';
  readonly acceptKnown: boolean;
  /** `--timings`: print where the time went, per suite, after the summary. */
  readonly timings: boolean;
  /** `--image` for `--sandbox docker`; undefined: the locally built sandbox image. */
  readonly image: string | undefined;
  /** `--watch-dir`, `--state-dir`, `--state-command`, `--ipam-range`. */
  readonly observation: Observation;
  /** `--shard i/n`; undefined: the whole run. */
  readonly shard: ShardSpec | undefined;
  /** `--durations FILE` (absolute): a previous JSON report whose durations balance the shards. */
  readonly durationsFile: string | undefined;
}

function usage(what: string, fix?: string): HarnessError {
  return new HarnessError('CNI_CONFORMANCE_USAGE', what, fix ? { fix } : {});
}

function oneOf<T extends string>(
  flag: string,
  raw: string | undefined,
  values: readonly T[],
  fallback: T,
): T {
  if (raw === undefined) return fallback;
  if ((values as readonly string[]).includes(raw)) return raw as T;
  throw usage(`${flag} must be one of ${values.join('|')}, got "${raw}"${didYouMean(raw, values)}`);
}

function positiveNumber(flag: string, raw: string | undefined, fallback: number, integer: boolean): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw usage(`${flag} must be a positive ${integer ? 'integer' : 'number'}, got "${raw}"`);
  }
  return value;
}

function parseVersions(raw: string | undefined): CniVersion[] | undefined {
  if (raw === undefined) return undefined;
  const list = raw
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  for (const version of list) {
    if (!isCniVersion(version)) {
      throw usage(
        `--versions: "${version}" is not a CNI version${didYouMean(version, CNI_VERSIONS)}`,
        `use ${CNI_VERSIONS.join(',')}`,
      );
    }
  }
  return list as CniVersion[];
}

/** True for a requirement ID or pattern ("P-ENV-*"), false for a test-name fragment. */
export function isRequirementPattern(token: string): boolean {
  return /^[PR]-[A-Z*]/i.test(token);
}

function validateSelectors(flag: string, tokens: readonly string[]): string[] {
  const ids = REQUIREMENTS.map((r) => r.id);
  for (const token of tokens.filter(isRequirementPattern)) {
    if (
      findRequirement(token) ||
      (token.includes('*') && ids.some((id) => matchesRequirementPattern(id, token)))
    )
      continue;
    throw usage(`${flag}: no requirement matches "${token}"${didYouMean(token, ids)}`);
  }
  return [...tokens];
}

function parseSandbox(raw: string | undefined, image: string | undefined): 'netns' | 'docker' | 'vagrant' {
  const kind = oneOf('--sandbox', raw, ['netns', 'docker', 'vagrant'], 'netns');
  if (image !== undefined && kind !== 'docker') throw usage('--image needs --sandbox docker');
  return kind;
}

function sandboxDirs(flag: string, raw: readonly string[] | undefined): string[] {
  for (const dir of raw ?? []) {
    if (!dir.startsWith('/'))
      throw usage(
        `${flag}: "${dir}" is not an absolute path`,
        'give the directory as the plugin sees it, e.g. /run/my-ipam',
      );
  }
  return [...(raw ?? [])];
}

function parseObservation(raw: RunOptions): Observation {
  const range = raw.ipamRange;
  if (range !== undefined && !ipaddr.isValidCIDR(range))
    throw usage(`--ipam-range: "${range}" is not a CIDR`, 'e.g. --ipam-range 10.99.0.0/24');
  if (raw.stateCommand !== undefined && raw.stateCommand.trim() === '')
    throw usage(
      '--state-command is empty',
      "give a shell command that prints the state, e.g. 'my-ipam list'",
    );
  return {
    watchDirs: sandboxDirs('--watch-dir', raw.watchDir),
    stateDirs: sandboxDirs('--state-dir', raw.stateDir),
    stateCommand: raw.stateCommand,
    ipamRange: range,
  };
}

/** `"2/3"` → { index: 2, count: 3 }; anything else is a usage error. */
export function parseShard(raw: string | undefined): ShardSpec | undefined {
  if (raw === undefined) return undefined;
  const match = /^(\d+)\/(\d+)$/.exec(raw.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count)
    throw usage(`--shard must be i/n with 1 ≤ i ≤ n, got "${raw}"`, 'e.g. --shard 1/2 and --shard 2/2');
  return { index, count };
}

function parseSharding(raw: RunOptions, sandbox: string, cwd: string) {
  const shard = parseShard(raw.shard);
  if (raw.durations !== undefined && !shard)
    throw usage(
      '--durations needs --shard i/n',
      'it balances the shards by the durations of an earlier report',
    );
  // The docker and vagrant sandboxes rerun the CLI inside without these flags: refuse rather than run it whole.
  if (shard && sandbox !== 'netns') throw usage(`--shard needs --sandbox netns, got "${sandbox}"`);
  return { shard, durationsFile: raw.durations === undefined ? undefined : resolve(cwd, raw.durations) };
}

/** Validates and fills defaults. `cwd` anchors relative paths. */
export function resolveRunOptions(raw: RunOptions, cwd: string): ResolvedRunOptions {
  const reportDir = resolve(cwd, raw.reportDir ?? 'reports');
  const sandbox = parseSandbox(raw.sandbox, raw.image);
  return {
    configFile: raw.config === undefined ? undefined : resolve(cwd, raw.config),
    cniPath: (raw.cniPath ?? '')
      .split(':')
      .filter(Boolean)
      .map((dir) => resolve(cwd, dir)),
    role:
      raw.role === undefined
        ? undefined
        : oneOf<PluginRole>('--role', raw.role, ['main', 'ipam', 'meta'], 'main'),
    profile: oneOf('--profile', raw.profile, ['compat', 'strict'], 'compat'),
    failOn: oneOf('--fail-on', raw.failOn, ['should', 'must'], 'should'),
    versions: parseVersions(raw.versions),
    only: validateSelectors('--only', raw.only ?? []),
    skip: validateSelectors('--skip', raw.skip ?? []),
    timeoutMs: positiveNumber('--timeout', raw.timeout, 30, false) * 1000,
    parallel: positiveNumber('--parallel', raw.parallel, 2, true),
    reportDir,
    junitFile: resolve(cwd, raw.junit ?? `${reportDir}/cni-conformance.junit.xml`),
    jsonFile: resolve(cwd, raw.json ?? `${reportDir}/cni-conformance.json`),
    htmlFile: resolve(cwd, raw.html ?? `${reportDir}/cni-conformance.html`),
    sandbox,
    image: raw.image,
    acceptKnown: raw.acceptKnown === true,
    timings: raw.timings === true,
    seed: raw.seed === undefined ? Date.now() % 2 ** 31 : positiveNumber('--seed', raw.seed, 1, true),
    observation: parseObservation(raw),
    ...parseSharding(raw, sandbox, cwd),
  };
}
