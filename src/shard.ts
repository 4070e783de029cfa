/**
 * Sharding: a run split into n parts by unit, a unit being one requirement ID (a check's primary ID) at one CNI
 * version. The CLI computes the plan (src/cli/shard-plan.ts) and hands it to the suites in the target; each check
 * declares only its cases whose unit is in this shard. Pure and JSON-only: it crosses the worker boundary.
 */

/** `--shard i/n`: 1-based index of n. */
export interface ShardSpec {
  readonly index: number;
  readonly count: number;
}

/** The split of a run: which shard each planned unit belongs to (units not planned fall back to a hash). */
export interface ShardPlan extends ShardSpec {
  /** Unit key → 1-based shard index. */
  readonly assignment: Readonly<Record<string, number>>;
}

/** "P-ADD-3@1.0.0", or "P-VCMD-1@-" for a version-less case. */
export function shardUnit(primaryId: string, version: string | undefined): string {
  return `${primaryId}@${version ?? '-'}`;
}

/** FNV-1a: a stable hash for units the plan did not list (e.g. a check selected through its second ID). */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** The 1-based shard a unit belongs to. Every shard of a run computes the same answer. */
export function shardOfUnit(plan: ShardPlan, unit: string): number {
  return plan.assignment[unit] ?? (fnv1a(unit) % plan.count) + 1;
}

/** True when this shard runs the unit (always, without a plan). */
export function inShard(
  plan: ShardPlan | undefined,
  primaryId: string,
  version: string | undefined,
): boolean {
  return plan === undefined || shardOfUnit(plan, shardUnit(primaryId, version)) === plan.index;
}
