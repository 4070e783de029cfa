/**
 * The judge: runs every rule over a parsed log and turns outcomes into findings under a profile.
 */
import { judge as judgeVerdict } from '../report/verdict.ts';
import type { Level } from '../spec/requirements.ts';
import { buildJudgeContext, type ContextOptions, type JudgeContext, unrecordedNotes } from './context.ts';
import type { Finding, RuleOutcome, RuntimeProfile, Verdict } from './finding.ts';
import type { RuntimeLog } from './log.ts';
import { cfgRules } from './rules/cfg.ts';
import { chainRules } from './rules/chain.ts';
import { dlgRules } from './rules/dlg.ts';
import { envRules } from './rules/env.ts';
import { gcRules } from './rules/gc.ts';
import { lifeRules } from './rules/life.ts';
import { reqRules } from './rules/req.ts';
import type { Rule } from './rules/rule.ts';

/** Every rule, in the notes' order. */
export const RUNTIME_RULES: readonly Rule[] = [
  ...cfgRules,
  ...envRules,
  ...reqRules,
  ...chainRules,
  ...gcRules,
  ...lifeRules,
  ...dlgRules,
];

/** Judge options. */
export interface JudgeOptions extends ContextOptions {
  /** @defaultValue "strict" */
  readonly profile?: RuntimeProfile;
}

/** A judged log. */
export interface JudgeReport {
  readonly profile: RuntimeProfile;
  readonly findings: readonly Finding[];
  /** True when a MUST or SHOULD finding failed. */
  readonly failed: boolean;
  /** What the judge could not see, once each: skipped log lines, ops with list members that left no record. */
  readonly notes: readonly string[];
  /** Why nothing was judged (no invocation, or every rule skipped); a run with it set is no pass. */
  readonly nothingJudged?: string;
}

/** The level a rule's failure is judged at: libcni's own deviations are reference behaviour (IMPL) under compat. */
export function verdictLevel(rule: Rule, profile: RuntimeProfile): Level {
  return profile === 'compat' && rule.libcniDeviation ? 'IMPL' : rule.level;
}

/** Through the one verdict function of both sides (src/report/verdict.ts). */
function verdictOf(rule: Rule, outcome: RuleOutcome, profile: RuntimeProfile): Verdict {
  const failed = outcome.skip === undefined && outcome.checked > 0 && outcome.violations.length > 0;
  const skipped = outcome.skip !== undefined || outcome.checked === 0;
  const verdict = judgeVerdict({
    outcome: skipped ? 'skipped' : failed ? 'failed' : 'passed',
    level: verdictLevel(rule, profile),
    profile,
    failOn: 'should',
  });
  // Neither an expected failure nor a harness error is given, so the verdict is one of the runtime's five.
  return verdict as Verdict;
}

const NO_SCENARIO =
  'not exercised by this log; it has no scenario line (a `runtime record` log), so what needs the conflists (give --conf-dir) or the requests the harness made is not judged';

function messageOf(outcome: RuleOutcome, verdict: Verdict, ctx: JudgeContext): string {
  if (verdict === 'skip') return outcome.skip ?? (ctx.scenario ? 'not exercised by this log' : NO_SCENARIO);
  if (verdict === 'pass') return `held in ${outcome.checked} case(s)`;
  const more = outcome.violations.length > 1 ? ` (+${outcome.violations.length - 1} more)` : '';
  return `${outcome.violations[0]}${more}`;
}

/** Judges a log with the given rules (default: all). */
function nothingJudged(log: RuntimeLog, findings: readonly Finding[]): string | undefined {
  if (log.invocations.length === 0) return 'the log holds no plugin invocation';
  if (findings.every((finding) => finding.verdict === 'skip'))
    return `no rule could be judged on its ${log.invocations.length} invocation(s) (every one skipped)`;
  return undefined;
}

export function judgeRules(rules: readonly Rule[], log: RuntimeLog, options: JudgeOptions = {}): JudgeReport {
  const profile = options.profile ?? 'strict';
  const ctx = buildJudgeContext(log, options);
  const findings = rules.map((rule): Finding => {
    const outcome = rule.judge(ctx);
    const verdict = verdictOf(rule, outcome, profile);
    return {
      id: rule.id,
      level: rule.level,
      title: rule.title,
      verdict,
      message: messageOf(outcome, verdict, ctx),
      violations: outcome.violations,
    };
  });
  const notes = [...(log.warnings ?? []), ...unrecordedNotes(ctx)];
  const empty = nothingJudged(log, findings);
  return {
    profile,
    findings,
    failed: findings.some((finding) => finding.verdict === 'fail'),
    notes,
    ...(empty ? { nothingJudged: empty } : {}),
  };
}

/** Judges a log with every runtime rule. */
export function judgeRuntimeLog(log: RuntimeLog, options: JudgeOptions = {}): JudgeReport {
  return judgeRules(RUNTIME_RULES, log, options);
}
