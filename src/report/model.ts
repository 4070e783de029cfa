/**
 * The plain report model: built by the vitest reporter (reporter.ts), rendered by the terminal, JUnit, JSON,
 * HTML and repro renderers. JSON-serialisable; `report.json` is this object.
 */
import type { KnownBugNote } from '../spec/known-bugs.ts';
import type { Level } from '../spec/requirements.ts';
import type { TranscriptEntry } from './transcript.ts';

/** How a check ended, after the verdict rules (verdict.ts). */
export type Verdict = 'pass' | 'fail' | 'warn' | 'info' | 'skip' | 'error';

/** Every verdict, in the order reports list them. */
export const VERDICTS: readonly Verdict[] = ['fail', 'error', 'warn', 'info', 'pass', 'skip'];

/** What vitest said about the test. */
export type Outcome = 'passed' | 'failed' | 'skipped';

/** One test (one check at one version). */
export interface CheckRecord {
  /** "P-ADD-3: ADD fails when CNI_IFNAME already exists @ 1.0.0". */
  readonly title: string;
  /** Suite file relative to the package root ("suites/plugin/env/env.check.ts"). */
  readonly file: string;
  /** "plugin/env". */
  readonly suite: string;
  readonly ids: readonly string[];
  readonly level: Level;
  readonly specLevel: Level;
  readonly version: string | undefined;
  readonly outcome: Outcome;
  readonly verdict: Verdict;
  /** The skip note ("verb-not-allowed: …"). */
  readonly skipReason?: string;
  /** First error message (and the rest, joined), when the test failed. */
  readonly failure?: string;
  /** The failure is a pinned upstream bug of this plugin build (src/spec/known-bugs.ts). */
  readonly knownBug?: KnownBugNote;
  readonly durationMs: number;
  readonly pluginMs: number;
  readonly transcript: readonly TranscriptEntry[];
  /** Repro script path relative to the report dir, when one was written. */
  readonly reproScript?: string;
}

/** The plugin and options of the run (a summary of the suites' ConformanceTarget). */
export interface RunInfo {
  readonly pluginPath: string;
  readonly pluginType: string;
  readonly role: string;
  readonly configSource: string;
  readonly advertisedVersions: readonly string[];
  readonly selectedVersions: readonly string[];
  readonly profile: string;
  readonly failOn: string;
  readonly seed: number;
  readonly cniPath: readonly string[];
  readonly notes: readonly string[];
}

/** Harness overhead: suite wall time ÷ wall time inside plugin processes. */
export interface Overhead {
  readonly suiteWallMs: number;
  readonly pluginWallMs: number;
  /** Null when no plugin ran. */
  readonly ratio: number | null;
}

/**
 * A shard's place in a split run (`--shard i/n`), and what the shards of one run share: `runId` hashes the plugin
 * build, its config and every option that changes which checks run or how they are judged, so `merge` refuses
 * shards of different runs. A merged report carries `index` 0 and the shard count.
 */
export interface ShardInfo {
  readonly index: number;
  readonly count: number;
  readonly runId: string;
}

/** The whole report. */
export interface ReportModel {
  readonly tool: { readonly name: 'cni-conformance'; readonly version: string };
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly run: RunInfo | undefined;
  /** Set in a shard's report (`--shard i/n`) and in a merged one (index 0). */
  readonly shard?: ShardInfo;
  /** One line: why the run could not start (exit 2). */
  readonly setupError?: string;
  readonly checks: readonly CheckRecord[];
  /** IDs of known upstream bugs of this build whose check ran and passed: fixed, or the pin is wrong. */
  readonly unreproducedKnownBugs?: readonly string[];
  readonly counts: Readonly<Record<Verdict, number>>;
  readonly overhead: Overhead;
  readonly exitCode: 0 | 1 | 2;
}

/** Counts per verdict. */
export function countVerdicts(checks: readonly CheckRecord[]): Record<Verdict, number> {
  const counts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  for (const check of checks) counts[check.verdict] += 1;
  return counts;
}

/** 1 when a check fails or errors, else 0; 2 for a setup error. */
export function exitCodeOf(checks: readonly CheckRecord[], setupError: string | undefined): 0 | 1 | 2 {
  if (setupError !== undefined) return 2;
  return checks.some((c) => c.verdict === 'fail' || c.verdict === 'error') ? 1 : 0;
}

/** Skip kinds that only say a check does not apply here, not why the plugin could not be judged. */
const STRUCTURAL_SKIPS = ['role-mismatch', 'not-advertised', 'no-version'];

/**
 * A run in which every selected check skipped judged nothing: exit 2 with the main reason, never a pass (a
 * plugin whose kernel feature is missing, say, must not turn CI green).
 */
export function nothingJudged(checks: readonly CheckRecord[]): string | undefined {
  if (checks.length === 0 || checks.some((c) => c.verdict !== 'skip')) return undefined;
  const reasons = new Map<string, number>();
  for (const { skipReason = 'no reason given' } of checks)
    reasons.set(skipReason, (reasons.get(skipReason) ?? 0) + 1);
  const ranked = [...reasons].sort(
    ([a, countA], [b, countB]) =>
      Number(STRUCTURAL_SKIPS.some((k) => a.startsWith(k))) -
        Number(STRUCTURAL_SKIPS.some((k) => b.startsWith(k))) || countB - countA,
  );
  const [reason, count] = ranked[0] ?? ['no reason given', 0];
  return `nothing judged: all ${checks.length} selected checks skipped; ${count} of them because ${reason}`;
}

/**
 * Wall time during which at least one plugin process ran: the union of all call intervals, so parallel workers and
 * concurrent calls are not counted twice.
 */
export function pluginWallUnionMs(checks: readonly CheckRecord[]): number {
  const intervals = checks
    .flatMap((c) => c.transcript)
    .flatMap((e) => (e.type === 'plugin' ? [[e.startedAtMs, e.startedAtMs + e.durationMs] as const] : []))
    .sort((a, b) => a[0] - b[0]);
  let total = 0;
  let end = Number.NEGATIVE_INFINITY;
  for (const [start, stop] of intervals) {
    if (stop <= end) continue;
    total += stop - Math.max(start, end);
    end = stop;
  }
  return total;
}

/** Overhead from the suite wall time and the plugin calls of the checks. */
export function computeOverhead(suiteWallMs: number, checks: readonly CheckRecord[]): Overhead {
  const pluginWallMs = pluginWallUnionMs(checks);
  return { suiteWallMs, pluginWallMs, ratio: pluginWallMs > 0 ? suiteWallMs / pluginWallMs : null };
}

/** Skip notes of checks that could not observe what they judge (the note names the option that would). */
const NOT_OBSERVABLE_NOTE = 'not-observable:';

/** The skipped checks that were not observable: listed apart, so "not tested" never reads as "not applicable". */
export function notObservable(checks: readonly CheckRecord[]): CheckRecord[] {
  return checks.filter(
    (check) => check.verdict === 'skip' && check.skipReason?.startsWith(NOT_OBSERVABLE_NOTE),
  );
}
