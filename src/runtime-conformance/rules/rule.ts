/**
 * The shape of a judge rule and small helpers the area files share.
 */
import type { SpyRecord } from '../../plugins/meta/spy/record.ts';
import { getRequirement, type RequirementId } from '../../spec/requirements.ts';
import { compareVersions } from '../../spec/versions.ts';
import type { JudgeContext } from '../context.ts';
import type { RuleOutcome, RuntimeLevel } from '../finding.ts';

/** One judged requirement aspect. */
export interface Rule {
  readonly id: RequirementId;
  /** The catalogue's level of `id`, or the aspect's own where the digest gives it one. */
  readonly level: RuntimeLevel;
  /** The aspect of the requirement this rule judges, as a sentence (an ID may have several rules). */
  readonly title: string;
  /** True when libcni itself breaks this (the catalogue tags it IMPL): the compat profile reports a warning, not a failure. */
  readonly libcniDeviation?: boolean;
  judge(ctx: JudgeContext): RuleOutcome;
}

/** What a rule file writes: the level is not restated, it comes from the catalogue by the typed ID. */
export interface RuleSpec extends Omit<Rule, 'level'> {
  /** Only where the digest gives this aspect a level of its own ("MUST for CHECK; SHOULD for DEL"). */
  readonly aspectLevel?: RuntimeLevel;
}

/** The catalogue level of a runtime requirement; INFO (no level in the digest) is never judged as a rule. */
function runtimeLevelOf(id: RequirementId): RuntimeLevel {
  const { level } = getRequirement(id);
  if (level === 'INFO') throw new Error(`${id} has no level in the catalogue: a rule cannot judge it`);
  return level;
}

/** A rule whose level is taken from the requirement catalogue. */
export function defineRule({ aspectLevel, ...spec }: RuleSpec): Rule {
  return { ...spec, level: aspectLevel ?? runtimeLevelOf(spec.id) };
}

/** Collects violations while counting examined cases. */
export class Tally {
  checked = 0;
  readonly violations: string[] = [];

  /** Counts one case; records `message` when `holds` is false. */
  expect(holds: boolean, message: () => string): void {
    this.checked += 1;
    if (!holds) this.violations.push(message());
  }

  outcome(): RuleOutcome {
    return { checked: this.checked, violations: this.violations };
  }
}

/** "spy-b ADD cid=c1 if=eth0 (pid 42)": how a violation names an invocation. */
export function describeCall(record: SpyRecord): string {
  const env = record.env;
  const where = env.CNI_CONTAINERID ? ` cid=${env.CNI_CONTAINERID} if=${env.CNI_IFNAME ?? ''}` : '';
  return `${record.calledAs} ${env.CNI_COMMAND ?? '?'}${where} (pid ${record.pid})`;
}

/** Invocations of the given verbs. */
export function callsOf(ctx: JudgeContext, ...verbs: string[]): SpyRecord[] {
  return ctx.invocations.filter((record) => verbs.includes(record.env.CNI_COMMAND ?? ''));
}

/** True when `version` is a version string at or above `min` (anything else, such as a missing field, is not). */
export function atLeast(version: unknown, min: string): boolean {
  return typeof version === 'string' && compareVersions(version, min) >= 0;
}
