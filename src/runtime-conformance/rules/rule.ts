/**
 * The shape of a judge rule and small helpers the area files share.
 */
import type { SpyRecord } from '../../plugins/meta/spy/record.ts';
import type { JudgeContext } from '../context.ts';
import type { RuleOutcome, RuntimeLevel } from '../finding.ts';

/** One judged requirement aspect. */
export interface Rule {
  readonly id: string;
  readonly level: RuntimeLevel;
  readonly title: string;
  /** True when libcni itself breaks this (notes IMPL): the compat profile reports a warning, not a failure. */
  readonly libcniDeviation?: boolean;
  judge(ctx: JudgeContext): RuleOutcome;
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

/** True when `version` is a semver at or above `min`. */
export function atLeast(version: unknown, min: string): boolean {
  if (typeof version !== 'string') return false;
  const parse = (v: string) => v.split('.').map(Number);
  const [a, b] = [parse(version), parse(min)];
  for (let i = 0; i < 3; i += 1) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0);
    if (diff !== 0) return diff > 0;
  }
  return true;
}
