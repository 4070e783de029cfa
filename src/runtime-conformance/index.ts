/** Runtime conformance: spy log model, judge and adapters. */
export type { Finding, RuntimeLevel, RuntimeProfile, Verdict } from './finding.ts';
export { type JudgeOptions, type JudgeReport, judgeRules, judgeRuntimeLog, RUNTIME_RULES } from './judge.ts';
export {
  OPERATIONS,
  type Operation,
  type OperationLine,
  parseRuntimeLog,
  type RuntimeLog,
  type ScenarioLine,
} from './log.ts';
export { formatFinding, renderJudgeReport } from './render.ts';
