import { type TranscriptEntry } from '../../src/report/transcript.ts';
import { type Invocation } from '../../src/runtime/invoke.ts';
import type { Container, Sandbox } from '../../src/sandbox/sandbox.ts';
import type { CniVersion, Verb } from '../../src/spec/versions.ts';
import type { ConformanceTarget, JsonObject } from '../../src/target.ts';
import { type ConfigOverrides } from './request-config.ts';
import { type SkipReason } from './skip-reasons.ts';
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
  /** The CNI_* env a runtime sets for `verb` (notes §2.1, with CNI_PATH always, as skel requires). */
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
/** Builds the context for one test. */
export declare function createCheckContext(init: ContextInit): CheckContext;
