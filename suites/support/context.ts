/**
 * The context a check body gets: the target, a fresh sandbox with one container, the request config at the
 * check's version, and `call()` to exec the plugin exactly as a runtime would, recording every call.
 */
import { randomBytes } from 'node:crypto';
import { recordInvocation, type TranscriptEntry } from '../../src/report/transcript.ts';
import { classifyOutcome, type Invocation } from '../../src/runtime/invoke.ts';
import type { ProcessRequest } from '../../src/sandbox/process.ts';
import type { Container, Sandbox } from '../../src/sandbox/sandbox.ts';
import type { CniVersion, Verb } from '../../src/spec/versions.ts';
import type { ConformanceTarget, JsonObject } from '../../src/target.ts';
import { buildRequestConfig, type ConfigOverrides, makeHermetic } from './request-config.ts';
import { formatSkipNote, type SkipReason } from './skip-reasons.ts';

/** Per-call choices; everything defaults to a valid call for the attachment of the check. */
export interface CallOptions {
  /** Exact stdin bytes; wins over `config` and `prevResult`. */
  readonly stdin?: string;
  /** The request config object; default `ctx.config()`. */
  readonly config?: JsonObject;
  /** Added to the request config as `prevResult`. */
  readonly prevResult?: unknown;
  /** Env changes after the defaults: a string sets, `undefined` removes (e.g. `{ CNI_NETNS: undefined }`). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** @defaultValue ctx.containerId */
  readonly containerId?: string;
  /** @defaultValue ctx.ifname */
  readonly ifname?: string;
  /** CNI_NETNS value. @defaultValue ctx.container.netnsPath */
  readonly netns?: string;
  /** Another binary to exec instead of the plugin under test (chain members, delegates). */
  readonly plugin?: string;
  /** @defaultValue target.timeoutMs */
  readonly timeoutMs?: number;
}

/** What a check body receives. */
export interface CheckContext {
  /** The spec version of this test (the request cniVersion); the conflist's version for version-less checks. */
  readonly version: CniVersion | string;
  readonly target: ConformanceTarget;
  /** Fresh for this check, destroyed after it. Records containers and helper commands for the repro script. */
  readonly sandbox: Sandbox;
  /** A container namespace created before the body runs. */
  readonly container: Container;
  /** Container ID used by default in calls (unique per check). */
  readonly containerId: string;
  /** CNI_IFNAME used by default (eth0). */
  readonly ifname: string;
  /** Every plugin call and sandbox command so far. */
  readonly transcript: readonly TranscriptEntry[];
  /** The request config of the plugin under test at `version`, hermetic, with `overrides` applied. */
  config(overrides?: ConfigOverrides): JsonObject;
  /** The request config of conflist entry `index` (chain members before a meta plugin). */
  configAt(index: number, overrides?: ConfigOverrides): JsonObject;
  /** The CNI_* env a runtime sets for `verb` (P-ENV-*, with CNI_PATH always, as skel requires). */
  env(verb: Verb, options?: CallOptions): Record<string, string>;
  /** Execs the plugin once; never throws for what the plugin does. */
  call(verb: Verb, options?: CallOptions): Promise<Invocation>;
  /** Marks this test inapplicable from inside the body (e.g. a kernel feature is missing). */
  skip(reason: SkipReason, detail?: string): never;
}

/** Ingredients of a context (the sandbox is opened by check()). */
export interface ContextInit {
  readonly target: ConformanceTarget;
  readonly version: CniVersion | undefined;
  readonly sandbox: Sandbox;
  readonly container: Container;
  readonly transcript: TranscriptEntry[];
  /** vitest's runtime skip: records the note as the skip reason. */
  readonly skipTest: (note: string) => never;
}

const ATTACHMENT_VERBS: readonly Verb[] = ['ADD', 'DEL', 'CHECK'];

function buildEnv(verb: Verb, ctx: CheckContext, options: CallOptions): Record<string, string> {
  const env: Record<string, string> = { CNI_COMMAND: verb };
  if (verb !== 'VERSION') env.CNI_PATH = ctx.target.cniPath.join(':');
  if (ATTACHMENT_VERBS.includes(verb)) {
    env.CNI_CONTAINERID = options.containerId ?? ctx.containerId;
    env.CNI_NETNS = options.netns ?? ctx.container.netnsPath;
    env.CNI_IFNAME = options.ifname ?? ctx.ifname;
  }
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

function buildStdin(verb: Verb, ctx: CheckContext, options: CallOptions): string {
  if (options.stdin !== undefined) return options.stdin;
  if (verb === 'VERSION') return JSON.stringify({ cniVersion: ctx.version });
  const config = options.config ?? ctx.config();
  const withPrev = options.prevResult === undefined ? config : { ...config, prevResult: options.prevResult };
  return JSON.stringify(withPrev);
}

/** Builds the context for one test. */
export function createCheckContext(init: ContextInit): CheckContext {
  const { target, sandbox, container, transcript } = init;
  const token = randomBytes(4).toString('hex');
  const version = init.version ?? target.conflist.cniVersion ?? '1.0.0';
  const hermetic = { token, ipamDataDir: `/var/lib/cni/conformance-${token}` };
  const configAt = (index: number, overrides?: ConfigOverrides): JsonObject => {
    const entry = target.conflist.plugins[index];
    if (!entry) throw new Error(`conflist has no plugin at index ${index}`);
    return buildRequestConfig(
      makeHermetic(entry, hermetic),
      { name: target.conflist.name, cniVersion: version },
      overrides,
    );
  };
  const ctx: CheckContext = {
    version,
    target,
    sandbox,
    container,
    containerId: `cnc-${token}`,
    ifname: 'eth0',
    transcript,
    skip: (reason, detail) => init.skipTest(formatSkipNote(reason, detail)),
    configAt,
    config: (overrides) => configAt(target.pluginIndex, overrides),
    env: (verb, options = {}) => buildEnv(verb, ctx, options),
    async call(verb, options = {}) {
      const request: ProcessRequest = {
        file: options.plugin ?? target.pluginPath,
        env: buildEnv(verb, ctx, options),
        stdin: buildStdin(verb, ctx, options),
        timeoutMs: options.timeoutMs ?? target.timeoutMs,
      };
      const startedAtMs = Date.now();
      const invocation = classifyOutcome(verb, request, await sandbox.run(request));
      transcript.push(recordInvocation(invocation, startedAtMs));
      return invocation;
    },
  };
  return ctx;
}
