/**
 * R-ENV: the environment plugins are run with (R-ENV-*, P-ENV-* for the per-verb table).
 */
import type { SpyRecord } from '../../plugins/meta/spy/record.ts';
import type { RequirementId } from '../../spec/requirements.ts';
import { type JudgeContext, networkFor, reachableTypes, stateBefore } from '../context.ts';
import type { RuntimeLevel } from '../finding.ts';
import { cniPathIndexOf, type OperationLine } from '../log.ts';
import { expectedOrder } from './order.ts';
import { callsOf, defineRule, describeCall, type Rule, Tally } from './rule.ts';

/** Variables the spec requires per verb (spec columns; CNI_PATH always, R-ENV-3). */
const REQUIRED_ENV: Readonly<Record<string, readonly string[]>> = {
  ADD: ['CNI_COMMAND', 'CNI_CONTAINERID', 'CNI_NETNS', 'CNI_IFNAME', 'CNI_PATH'],
  CHECK: ['CNI_COMMAND', 'CNI_CONTAINERID', 'CNI_NETNS', 'CNI_IFNAME', 'CNI_PATH'],
  DEL: ['CNI_COMMAND', 'CNI_CONTAINERID', 'CNI_IFNAME', 'CNI_PATH'],
  GC: ['CNI_COMMAND', 'CNI_PATH'],
  STATUS: ['CNI_COMMAND', 'CNI_PATH'],
  VERSION: ['CNI_COMMAND'],
};

const CONTAINER_ID = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

function envProblems(call: SpyRecord): string[] {
  const verb = call.env.CNI_COMMAND ?? '';
  const required = REQUIRED_ENV[verb];
  if (!required) return [`unknown CNI_COMMAND ${JSON.stringify(verb)}`];
  const problems = required.filter((name) => !call.env[name]).map((name) => `${name} missing or empty`);
  const cid = call.env.CNI_CONTAINERID;
  if (required.includes('CNI_CONTAINERID') && cid && !CONTAINER_ID.test(cid))
    problems.push(`CNI_CONTAINERID ${cid} has invalid characters`);
  const ifname = call.env.CNI_IFNAME;
  if (
    required.includes('CNI_IFNAME') &&
    ifname &&
    (ifname.length > 15 || ifname === '.' || ifname === '..' || /[/:\s]/.test(ifname))
  ) {
    problems.push(`CNI_IFNAME ${JSON.stringify(ifname)} is not a valid interface name`);
  }
  return problems;
}

function sameAttachmentEnv(ctx: JudgeContext, verb: 'CHECK' | 'DEL'): Tally {
  const tally = new Tally();
  for (const op of ctx.ops.filter((o) => o.verb === verb)) {
    const add = stateBefore(ctx, op).lastAdd?.calls[0];
    if (!add) continue;
    for (const call of op.calls) {
      const netns = call.env.CNI_NETNS ?? '';
      // DEL may come with an empty netns once the container is gone (netns is optional for DEL).
      const netnsOk = netns === (add.env.CNI_NETNS ?? '') || (verb === 'DEL' && netns === '');
      const argsOk = sameCniArgs(call.env.CNI_ARGS, add.env.CNI_ARGS);
      tally.expect(
        netnsOk && argsOk,
        () =>
          `${describeCall(call)}: CNI_NETNS=${netns} CNI_ARGS=${call.env.CNI_ARGS ?? ''}, ADD had CNI_NETNS=${add.env.CNI_NETNS ?? ''} CNI_ARGS=${add.env.CNI_ARGS ?? ''}`,
      );
    }
  }
  return tally;
}

const ATTACHMENT_VARS = ['CNI_COMMAND', 'CNI_CONTAINERID', 'CNI_NETNS', 'CNI_IFNAME', 'CNI_ARGS'];

/**
 * CNI_ARGS are `k=v` pairs joined by `;`; their order carries no meaning, and go-cni builds them from a Go map,
 * so the same pairs arrive in a different order from call to call.
 */
export function sameCniArgs(left: string | undefined, right: string | undefined): boolean {
  const pairs = (args: string | undefined) =>
    (args ?? '')
      .split(';')
      .filter((pair) => pair !== '')
      .sort()
      .join(';');
  return pairs(left) === pairs(right);
}

function sameAttachmentVar(name: string, left: SpyRecord, right: SpyRecord): boolean {
  if (name === 'CNI_ARGS') return sameCniArgs(left.env.CNI_ARGS, right.env.CNI_ARGS);
  return (left.env[name] ?? '') === (right.env[name] ?? '');
}

/** Builds the "CHECK/DEL reuse the ADD's parameters" rule for one verb. */
export function sameAttachmentRule(
  id: RequirementId,
  verb: 'CHECK' | 'DEL',
  aspectLevel?: RuntimeLevel,
): Rule {
  return defineRule({
    id,
    ...(aspectLevel ? { aspectLevel } : {}),
    title: `${verb} reuses the ADD's CNI_NETNS and CNI_ARGS`,
    judge: (ctx) => sameAttachmentEnv(ctx, verb).outcome(),
  });
}

const noCase = (skip: string) => ({ checked: 0, violations: [], skip });

/** Plugins installed in two CNI_PATH directories must run from the first (R-ENV-7). */
function firstDirectoryWins(ctx: JudgeContext) {
  const shadowed = ctx.scenario?.shadowedTypes ?? [];
  if (shadowed.length === 0) return noCase('no plugin was installed in two CNI_PATH directories');
  const tally = new Tally();
  for (const call of ctx.invocations.filter((c) => shadowed.includes(c.calledAs)))
    tally.expect(
      cniPathIndexOf(call) === 0,
      () => `${describeCall(call)} ran from CNI_PATH directory #${cniPathIndexOf(call) + 1}, not the first`,
    );
  return tally.outcome();
}

/** True when a plugin call of the operation's attachment started while the runtime was serving it. */
function reachedPlugins(ctx: JudgeContext, line: OperationLine): boolean {
  return ctx.invocations.some(
    (call) =>
      call.env.CNI_COMMAND === line.op &&
      call.env.CNI_CONTAINERID === line.containerId &&
      call.tsStart >= line.tsStart &&
      call.tsStart <= line.tsEnd,
  );
}

/** An op over a list naming a missing plugin fails and runs nothing after it (R-ENV-7). */
function missingPluginHalts(ctx: JudgeContext) {
  const missing = ctx.scenario?.missingTypes ?? [];
  if (missing.length === 0) return noCase('no plugin type was left off CNI_PATH');
  const tally = new Tally();
  const affected = [...ctx.networks.values()].filter((net) => net.types.some((t) => missing.includes(t)));
  for (const line of ctx.requested.filter((l) => affected.some((net) => net.name === l.network))) {
    if (line.op === 'GC' || line.op === 'STATUS') continue;
    // A runtime that kept no state for the attachment may answer DEL without running the list at all.
    if (line.op === 'DEL' && !reachedPlugins(ctx, line)) continue;
    tally.expect(
      !line.ok,
      () =>
        `${line.op} ${line.network} cid=${line.containerId ?? ''} succeeded with ${missing.join(',')} missing`,
    );
  }
  for (const call of callsOf(ctx, 'ADD', 'DEL', 'CHECK')) {
    const net = networkFor(ctx, call);
    if (!net || !affected.includes(net)) continue;
    const due = reachableTypes(ctx, expectedOrder(net.types, call.env.CNI_COMMAND ?? ''));
    tally.expect(
      due.includes(call.calledAs),
      () => `${describeCall(call)} ran after the missing ${missing.join(',')}`,
    );
  }
  return tally.outcome();
}

/** R-ENV-*. */
export const envRules: readonly Rule[] = [
  defineRule({
    id: 'R-ENV-1',
    title: "plugins run in the runtime's own network namespace",
    judge(ctx) {
      const host = ctx.scenario?.hostNetns;
      if (!host) return { checked: 0, violations: [], skip: 'the scenario did not record the runtime netns' };
      const tally = new Tally();
      for (const call of ctx.invocations)
        tally.expect(
          call.selfNetns === host,
          () => `${describeCall(call)} ran in ${call.selfNetns}, runtime is in ${host}`,
        );
      return tally.outcome();
    },
  }),
  defineRule({
    id: 'R-ENV-2',
    title: 'the container netns exists (nsfs) when ADD and CHECK run',
    judge(ctx) {
      const tally = new Tally();
      for (const call of callsOf(ctx, 'ADD', 'CHECK'))
        tally.expect(
          call.netns?.isNsfs === true,
          () =>
            `${describeCall(call)}: CNI_NETNS ${call.netns?.path ?? '(empty)'} is not a live netns (fs ${call.netns?.fsType ?? 'none'})`,
        );
      return tally.outcome();
    },
  }),
  defineRule({
    id: 'R-ENV-3',
    title: 'every verb gets the CNI_* variables the spec requires, with valid identifiers',
    judge(ctx) {
      const tally = new Tally();
      for (const call of ctx.invocations) {
        const problems = envProblems(call);
        tally.expect(problems.length === 0, () => `${describeCall(call)}: ${problems.join('; ')}`);
      }
      return tally.outcome();
    },
  }),
  sameAttachmentRule('R-ENV-4', 'CHECK'),
  sameAttachmentRule('R-ENV-4', 'DEL', 'SHOULD'), // the digest: "MUST for CHECK; SHOULD for DEL"
  defineRule({
    id: 'R-ENV-5',
    title: 'every plugin of one operation gets the same environment',
    judge(ctx) {
      const tally = new Tally();
      for (const op of ctx.ops.filter((o) => o.calls.length > 1)) {
        const first = op.calls[0] as SpyRecord;
        for (const call of op.calls.slice(1)) {
          const differs = ATTACHMENT_VARS.filter((name) => !sameAttachmentVar(name, call, first));
          tally.expect(
            differs.length === 0,
            () => `${describeCall(call)} differs from ${first.calledAs} in ${differs.join(', ')}`,
          );
        }
      }
      return tally.outcome();
    },
  }),
  defineRule({
    id: 'R-ENV-7',
    title: 'a plugin is run from the first CNI_PATH directory that holds it',
    judge: firstDirectoryWins,
  }),
  defineRule({
    id: 'R-ENV-7',
    title: 'a plugin missing from CNI_PATH fails the operation and no plugin after it runs',
    judge: missingPluginHalts,
  }),
];
