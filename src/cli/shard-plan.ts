/**
 * `--shard i/n` and `--durations FILE`: which requirement × version units each shard runs, and the identity the
 * shards of one run share. The split is deterministic (every shard computes the same plan from the same inputs)
 * and balanced greedily: units heaviest first, each to the least-loaded shard, ties by unit key and shard index.
 * Weights are the durations a previous JSON report recorded, else 1 per unit (balanced by count).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { HarnessError } from '../errors.ts';
import type { ShardInfo } from '../report/model.ts';
import { type ShardPlan, type ShardSpec, shardUnit } from '../shard.ts';
import { matchesRequirementPattern, REQUIREMENTS } from '../spec/requirements.ts';
import type { ConformanceTarget } from '../target.ts';
import { isRequirementPattern } from './options.ts';

function usage(what: string, fix: string): HarnessError {
  return new HarnessError('CNI_CONFORMANCE_USAGE', what, { fix });
}

/** Durations recorded per unit in a previous JSON report (a shard's, a merged or a whole run's). */
export interface Durations {
  readonly byUnit: ReadonlyMap<string, number>;
  /** sha256 of the file: shards planned from different files would split differently. */
  readonly digest: string;
}

interface RecordedCheck {
  readonly ids?: unknown;
  readonly version?: unknown;
  readonly durationMs?: unknown;
}

/** Reads `--durations FILE`: the checks of a JSON report, summed per unit. */
export function loadDurations(file: string): Durations {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw usage(`--durations: cannot read ${file}`, 'give the JSON report of an earlier run (--json)');
  }
  let checks: unknown;
  try {
    checks = (JSON.parse(text) as { checks?: unknown }).checks;
  } catch {
    checks = undefined;
  }
  if (!Array.isArray(checks))
    throw usage(
      `--durations: ${file} is not a cni-conformance JSON report (no "checks" list)`,
      'give the JSON report of an earlier run (--json)',
    );
  const byUnit = new Map<string, number>();
  for (const check of checks as RecordedCheck[]) {
    const [id] = Array.isArray(check.ids) ? check.ids : [];
    if (typeof id !== 'string' || typeof check.durationMs !== 'number') continue;
    const unit = shardUnit(id, typeof check.version === 'string' ? check.version : undefined);
    byUnit.set(unit, (byUnit.get(unit) ?? 0) + check.durationMs);
  }
  return { byUnit, digest: createHash('sha256').update(text).digest('hex') };
}

/** The units a run can have: catalogue IDs the selection keeps, at each selected version and at none. */
export function plannedUnits(
  versions: readonly string[],
  filters: { readonly only: readonly string[]; readonly skip: readonly string[] },
): string[] {
  const only = filters.only.filter(isRequirementPattern);
  const skip = filters.skip.filter(isRequirementPattern);
  const ids = REQUIREMENTS.map((r) => r.id).filter(
    (id) =>
      (only.length === 0 || only.some((p) => matchesRequirementPattern(id, p))) &&
      !skip.some((p) => matchesRequirementPattern(id, p)),
  );
  return ids.flatMap((id) => [...versions, undefined].map((version) => shardUnit(id, version)));
}

/**
 * Greedy longest-first assignment. Units without a recorded duration weigh the mean of those with one, so a
 * durations file from a narrower run still balances.
 */
export function planShards(spec: ShardSpec, units: readonly string[], durations?: Durations): ShardPlan {
  const recorded = units.flatMap((u) => {
    const ms = durations?.byUnit.get(u);
    return ms === undefined ? [] : [ms];
  });
  const fallback = recorded.length > 0 ? recorded.reduce((a, b) => a + b, 0) / recorded.length : 1;
  const weighted = [...new Set(units)]
    .map((unit) => ({ unit, weight: durations?.byUnit.get(unit) ?? fallback }))
    .sort((a, b) => b.weight - a.weight || (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0));
  const load = new Array<number>(spec.count).fill(0);
  const assignment: Record<string, number> = {};
  for (const { unit, weight } of weighted) {
    const lightest = load.indexOf(Math.min(...load));
    load[lightest] = (load[lightest] ?? 0) + weight;
    assignment[unit] = lightest + 1;
  }
  return { ...spec, assignment };
}

/**
 * What every shard of one run must agree on: the harness version, the plugin build (sha256), the config, and the
 * options that change which checks exist or how they are judged. The seed is left out (property checks draw
 * their own cases per shard; pass --seed to pin them).
 */
export function shardInfo(
  spec: ShardSpec,
  toolVersion: string,
  target: ConformanceTarget,
  filters: { readonly only: readonly string[]; readonly skip: readonly string[] },
  durations: Durations | undefined,
): ShardInfo {
  const identity = {
    toolVersion,
    plugin: target.identity.sha256,
    conflist: target.conflist,
    pluginIndex: target.pluginIndex,
    role: target.role,
    versions: target.selectedVersions,
    profile: target.profile,
    failOn: target.failOn,
    acceptKnown: target.acceptKnown,
    only: filters.only,
    skip: filters.skip,
    durations: durations?.digest ?? null,
    count: spec.count,
  };
  const runId = createHash('sha256').update(JSON.stringify(identity)).digest('hex').slice(0, 16);
  return { ...spec, runId };
}
