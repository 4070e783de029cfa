/**
 * `check()`: the only way suites declare a conformance check. A wrapper around vitest `test` that titles the test
 * with its requirement IDs ("P-ADD-3: ADD fails when CNI_IFNAME already exists @ 1.0.0"), tags it from the catalogue,
 * writes a typed `task.meta.requirement`, fans out over the applicable versions, skips inapplicable ones with a
 * reason from a fixed list, and runs the body in a fresh sandbox that is destroyed afterwards.
 * A check fails by throwing (expect); the reporter, not the check, turns that into fail/warn/info.
 */
import { test } from 'vitest';
import { HarnessError, isHarnessError } from '../../src/errors.ts';
import type { RequirementMeta } from '../../src/report/requirement-meta.ts';
import { pluginWallMs, type TranscriptEntry } from '../../src/report/transcript.ts';
import { inShard } from '../../src/shard.ts';
import {
  getRequirement,
  type Level,
  type Requirement,
  type RequirementId,
  strongestLevel,
} from '../../src/spec/requirements.ts';
import type { CniVersion } from '../../src/spec/versions.ts';
import type { Profile } from '../../src/target.ts';
import { type ApplicabilityOptions, planCases } from './applicability.ts';
import { type CheckContext, createCheckContext } from './context.ts';
import { prepareSandbox } from './prepare.ts';
import { recordingSandbox } from './recording-sandbox.ts';
import { acquireFreshSandbox } from './sandbox-pool.ts';
import { getTarget } from './target.ts';

/** What a check declares besides its IDs and title. */
export interface CheckOptions extends ApplicabilityOptions {
  /**
   * Judge a failure at this level instead of the catalogue's (e.g. 'IMPL' for the reference-implementation part of
   * a "MUST/IMPL" requirement, such as the exact error code).
   */
  readonly level?: Level;
  /**
   * The level in the compat profile, where the reference implementation knowingly deviates from the text (e.g. error
   * JSON without cniVersion: SHOULD in strict, 'IMPL' in compat, so a warning).
   */
  readonly compatLevel?: Level;
  /** vitest timeout for the whole check. @defaultValue max(30 s, 4 × per-call timeout) */
  readonly timeoutMs?: number;
}

/** The body of a check. Throw (or fail an `expect`) to fail. */
export type CheckBody = (ctx: CheckContext) => Promise<void>;

/** The level a failure is judged at, once the profile is applied. */
export function effectiveLevel(specLevel: Level, options: CheckOptions, profile: Profile): Level {
  if (profile === 'compat' && options.compatLevel) return options.compatLevel;
  return options.level ?? specLevel;
}

/** Vitest tag names for a check: its IDs and `level-<level>` (both declared in vitest.suites.config.ts). */
export function checkTags(ids: readonly string[], level: Level): string[] {
  return [...ids, `level-${level.toLowerCase()}`];
}

function buildMeta(ids: readonly string[], requirements: readonly Requirement[], options: CheckOptions) {
  const target = getTarget();
  const specLevel = options.level ?? strongestLevel(requirements.map((r) => r.level));
  return (version: CniVersion | undefined): RequirementMeta => ({
    ids,
    level: effectiveLevel(specLevel, options, target.profile),
    specLevel,
    version,
    profile: target.profile,
  });
}

/** Runs a setup step; any failure in it is the harness's (reported as `error`), never the plugin's. */
async function setupStep<T>(what: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (isHarnessError(error)) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new HarnessError('CNI_CONFORMANCE_SANDBOX_FAILED', `${what}: ${reason}`, { cause: error });
  }
}

async function runInSandbox(
  version: CniVersion | undefined,
  body: CheckBody,
  vitestSkip: (note: string) => never,
  meta: { transcript?: readonly TranscriptEntry[]; pluginMs?: number },
): Promise<void> {
  const transcript: TranscriptEntry[] = [];
  const fresh = await setupStep('cannot create the sandbox and its container namespace', acquireFreshSandbox);
  const sandbox = recordingSandbox(fresh.sandbox, transcript);
  const { container } = fresh;
  transcript.push({ type: 'container', name: container.name, netnsPath: container.netnsPath, action: 'add' });
  try {
    const target = getTarget();
    const ctx = createCheckContext({ target, version, sandbox, container, transcript, skipTest: vitestSkip });
    await prepareSandbox(ctx); // may skip (kernel feature missing): not wrapped, a skip is not a failure
    await body(ctx);
  } finally {
    meta.transcript = transcript;
    meta.pluginMs = pluginWallMs(transcript);
    // Not awaited: nothing of the next check depends on it. The kill is sent now; the holder stays referenced until
    // it has been reaped, so the worker cannot exit before the sandbox is gone.
    void sandbox.destroy();
  }
}

/**
 * Declares a check.
 * @param ids - requirement ID(s) from src/spec/requirements.ts; the first is the primary one.
 * @param title - a contract sentence: "ADD fails when CNI_IFNAME already exists".
 */
export function check(
  ids: RequirementId | readonly RequirementId[],
  title: string,
  options: CheckOptions,
  body: CheckBody,
): void {
  const idList: RequirementId[] = typeof ids === 'string' ? [ids] : [...ids];
  const [primary = ''] = idList;
  const requirements = idList.map(getRequirement);
  const target = getTarget();
  const metaFor = buildMeta(idList, requirements, options);
  const timeout = options.timeoutMs ?? Math.max(30_000, 4 * target.timeoutMs);
  for (const planned of planCases(options, requirements, target)) {
    // Another shard's case is not declared at all: it is neither run nor reported here.
    if (!inShard(target.shard, primary, planned.version)) continue;
    const meta = metaFor(planned.version);
    const name = `${idList.join(', ')}: ${title}${planned.version ? ` @ ${planned.version}` : ''}`;
    test(name, { tags: checkTags(idList, meta.level), timeout }, async (tc) => {
      tc.task.meta.requirement = meta;
      if (planned.skip !== undefined) tc.skip(planned.skip);
      await runInSandbox(planned.version, body, (note) => tc.skip(note), tc.task.meta);
    });
  }
}
