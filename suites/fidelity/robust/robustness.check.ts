/**
 * ROBUST (P-ERR-1, P-CONF-1, P-ENV-2): fast-check generated malformed stdin and env. Every ADD must end within
 * the deadline, never by a signal, and a request that must be rejected exits non-zero with error JSON on stdout
 * carrying a well-known code (the spec's table, or ≥ 100 for plugin-specific errors). The DEL a runtime sends
 * afterwards (same stdin and env) must not crash or hang either, and the sandbox keeps no state.
 */
import fc from 'fast-check';
import type { Invocation } from '../../../src/runtime/invoke.ts';
import { ERROR_CODE_MEANINGS } from '../../../src/spec/error.ts';
import { describe } from '../../plugin/lib/attach.ts';
import { check } from '../../support/check.ts';
import type { CheckContext } from '../../support/context.ts';
import { expectNoLeftoversAfterSettling, snapshotSandbox } from '../lib/leak-probe.ts';
import { type MalformedCase, malformedEnv, malformedStdin } from './malformed-requests.ts';

/** A malformed request must be answered within this long (or the run's --timeout, if shorter). */
const DEADLINE_MS = 5_000;
const STDIN_RUNS = 40;
const ENV_RUNS = 20;

function wellKnown(code: number): boolean {
  return code >= 100 || (code > 0 && code in ERROR_CODE_MEANINGS);
}

/** Why the invocation breaks the robustness contract, or undefined. */
function violation(invocation: Invocation, mustFail: boolean): string | undefined {
  const { kind } = invocation;
  if (kind === 'timed-out' || kind === 'crashed' || kind === 'spawn-failed') return describe(invocation);
  if (kind === 'ok') return mustFail ? 'exit 0: the malformed request was accepted' : undefined;
  if (invocation.outcome.exitCode === 0) return `exit 0 with ${kind}`;
  if (kind !== 'plugin-error' || invocation.errorSource !== 'stdout-json')
    return `no error JSON on stdout (${describe(invocation)})`;
  if (!wellKnown(invocation.error.code))
    return `error code ${invocation.error.code} is neither a spec code nor ≥ 100`;
  return undefined;
}

async function runCase(ctx: CheckContext, testCase: MalformedCase, timeoutMs: number): Promise<void> {
  const options = { stdin: testCase.stdin, env: testCase.env, timeoutMs };
  const add = await ctx.call('ADD', options);
  const addProblem = violation(add, testCase.mustFail);
  // The runtime's DEL after ADD (success or not): must not crash or hang.
  const del = await ctx.call('DEL', options);
  if (addProblem) throw new Error(`ADD with ${testCase.label}: ${addProblem}`);
  if (['timed-out', 'crashed', 'spawn-failed'].includes(del.kind))
    throw new Error(`DEL with ${testCase.label}: ${describe(del)}`);
}

async function runProperty(
  ctx: CheckContext,
  cases: fc.Arbitrary<MalformedCase>,
  numRuns: number,
): Promise<void> {
  const timeoutMs = Math.min(DEADLINE_MS, ctx.target.timeoutMs);
  const before = await snapshotSandbox(ctx, [ctx.container.name]);
  const property = fc.asyncProperty(cases, (testCase) => runCase(ctx, testCase, timeoutMs));
  // No shrinking: the generated case already names the fault, and shrinking a hang costs a deadline per step.
  const details = await fc.check(property, { numRuns, seed: ctx.target.seed, endOnFailure: true });
  if (details.failed) {
    const cause =
      details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    throw new Error(`${cause}\n(seed ${ctx.target.seed}, replay with --seed ${ctx.target.seed})`);
  }
  await expectNoLeftoversAfterSettling(ctx, before, 'after the malformed requests', [ctx.container.name]);
}

check(
  ['P-ERR-1', 'P-CONF-1'],
  `malformed stdin (truncated, wrong types, bad versions and CIDRs, huge, deep, unknown keys) is rejected cleanly (${STDIN_RUNS} cases)`,
  { versions: 'latest' },
  (ctx) => runProperty(ctx, malformedStdin(ctx.config(), ctx.target.role), STDIN_RUNS),
);

check(
  ['P-ERR-1', 'P-ENV-2'],
  `missing or invalid CNI_CONTAINERID, CNI_NETNS and CNI_IFNAME are rejected cleanly (${ENV_RUNS} cases)`,
  { versions: 'latest' },
  (ctx) => runProperty(ctx, malformedEnv(ctx.config()), ENV_RUNS),
);
