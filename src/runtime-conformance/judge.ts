/**
 * The judge: runs every rule over a parsed log and turns outcomes into findings under a profile.
 */
import { buildJudgeContext } from './context.ts';
import type { Finding, RuleOutcome, RuntimeProfile, Verdict } from './finding.ts';
import type { RuntimeLog } from './log.ts';
import { cfgRules } from './rules/cfg.ts';
import { chainRules } from './rules/chain.ts';
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
];

/** Judge options. */
export interface JudgeOptions {
  /** @defaultValue "strict" */
  readonly profile?: RuntimeProfile;
}

/** A judged log. */
export interface JudgeReport {
  readonly profile: RuntimeProfile;
  readonly findings: readonly Finding[];
  /** True when a MUST or SHOULD finding failed. */
  readonly failed: boolean;
}

function verdictOf(rule: Rule, outcome: RuleOutcome, profile: RuntimeProfile): Verdict {
  if (outcome.skip !== undefined || outcome.checked === 0) return 'skip';
  if (outcome.violations.length === 0) return 'pass';
  if (rule.level === 'MAY' || rule.level === 'IMPL') return 'info';
  return profile === 'compat' && rule.libcniDeviation ? 'warn' : 'fail';
}

function messageOf(outcome: RuleOutcome, verdict: Verdict): string {
  if (verdict === 'skip') return outcome.skip ?? 'not exercised by this log';
  if (verdict === 'pass') return `held in ${outcome.checked} case(s)`;
  const more = outcome.violations.length > 1 ? ` (+${outcome.violations.length - 1} more)` : '';
  return `${outcome.violations[0]}${more}`;
}

/** Judges a log with the given rules (default: all). */
export function judgeRules(rules: readonly Rule[], log: RuntimeLog, options: JudgeOptions = {}): JudgeReport {
  const profile = options.profile ?? 'strict';
  const ctx = buildJudgeContext(log);
  const findings = rules.map((rule): Finding => {
    const outcome = rule.judge(ctx);
    const verdict = verdictOf(rule, outcome, profile);
    return {
      id: rule.id,
      level: rule.level,
      title: rule.title,
      verdict,
      message: messageOf(outcome, verdict),
      violations: outcome.violations,
    };
  });
  return { profile, findings, failed: findings.some((finding) => finding.verdict === 'fail') };
}

/** Judges a log with every runtime rule. */
export function judgeRuntimeLog(log: RuntimeLog, options: JudgeOptions = {}): JudgeReport {
  return judgeRules(RUNTIME_RULES, log, options);
}
