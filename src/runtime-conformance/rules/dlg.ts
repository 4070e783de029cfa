/**
 * P-DLG: what the log shows of calls one plugin made to another (P-DLG-*). A delegated call is the calling
 * plugin's business, not the runtime's, so it is judged here and left out of every runtime rule.
 */
import { isDeepStrictEqual } from 'node:util';
import { stdinOf } from '../operations.ts';
import { defineRule, describeCall, type Rule, Tally } from './rule.ts';

function envDifferences(call: Readonly<Record<string, string>>, parent: Readonly<Record<string, string>>) {
  const names = new Set([...Object.keys(call), ...Object.keys(parent)]);
  return [...names].filter((name) => name !== 'CNI_COMMAND' && call[name] !== parent[name]);
}

/** P-DLG-*. */
export const dlgRules: readonly Rule[] = [
  defineRule({
    id: 'P-DLG-2',
    title:
      "a delegate gets its caller's CNI_* environment (only CNI_COMMAND may differ) and its complete config",
    judge(ctx) {
      const tally = new Tally();
      for (const { call, parent } of ctx.delegated) {
        const differs = envDifferences(call.env, parent.env);
        const sameConfig = isDeepStrictEqual(stdinOf(call), stdinOf(parent));
        tally.expect(
          differs.length === 0 && sameConfig,
          () =>
            `${describeCall(call)} run by ${describeCall(parent)}: ${[
              ...differs.map(
                (name) => `${name}=${call.env[name] ?? '(unset)'} (caller: ${parent.env[name] ?? '(unset)'})`,
              ),
              ...(sameConfig ? [] : ['config differs from the caller’s']),
            ].join('; ')}`,
        );
      }
      return tally.outcome();
    },
  }),
  defineRule({
    id: 'P-DLG-3',
    title: "a delegate's failure is its caller's failure",
    judge(ctx) {
      const tally = new Tally();
      for (const { call, parent } of ctx.delegated) {
        // A cleanup DEL inside a failing ADD is not the caller's verb; only the same verb must propagate.
        if (call.exitCode === 0 || call.env.CNI_COMMAND !== parent.env.CNI_COMMAND) continue;
        tally.expect(
          parent.exitCode !== 0,
          () => `${describeCall(call)} exited ${call.exitCode}, yet ${describeCall(parent)} succeeded`,
        );
      }
      return tally.outcome();
    },
  }),
];
