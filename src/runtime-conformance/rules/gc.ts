/**
 * R-GC and R-STAT-2: garbage collection over a list, and STATUS's bare environment (R-GC-*, R-STAT-*).
 */
import type { SpyRecord } from '../../plugins/meta/spy/record.ts';
import { addCompleted, type JudgeContext } from '../context.ts';
import { attachmentKey, type ChainOp, stdinOf } from '../operations.ts';
import { callsOf, defineRule, describeCall, type Rule, Tally } from './rule.ts';

function span(op: ChainOp): [number, number] {
  return [Math.min(...op.calls.map((c) => c.tsStart)), Math.max(...op.calls.map((c) => c.tsEnd))];
}

/** Attachments of `network` with a completed ADD and no DEL since, as the ops before `gc` left them. */
function liveAttachments(ctx: JudgeContext, gc: ChainOp): Set<string> {
  const live = new Set<string>();
  for (const op of ctx.ops) {
    if (op === gc) break;
    if (op.network !== gc.network) continue;
    const key = attachmentKey(op.network, op.containerId, op.ifname);
    if (op.verb === 'ADD' && addCompleted(ctx, op)) live.add(key);
    if (op.verb === 'DEL') live.delete(key);
  }
  return live;
}

function validList(gc: ChainOp): Set<string> {
  const raw = stdinOf(gc.calls[0] as SpyRecord)['cni.dev/valid-attachments'];
  const entries = Array.isArray(raw) ? (raw as Record<string, unknown>[]) : [];
  return new Set(
    entries.map((entry) => attachmentKey(gc.network, String(entry.containerID), String(entry.ifname))),
  );
}

/** The last completed ADD of each attachment of the GC's network before the GC. */
function addedBefore(ctx: JudgeContext, gc: ChainOp): ChainOp[] {
  const last = new Map<string, ChainOp>();
  for (const op of ctx.ops.slice(0, ctx.ops.indexOf(gc))) {
    if (op.verb === 'ADD' && op.network === gc.network && addCompleted(ctx, op))
      last.set(attachmentKey(op.network, op.containerId, op.ifname), op);
  }
  return [...last.values()];
}

const gcOps = (ctx: JudgeContext) => ctx.ops.filter((op) => op.verb === 'GC');

/** R-GC-*, R-STAT-2. */
export const gcRules: readonly Rule[] = [
  defineRule({
    id: 'R-GC-1',
    title: 'GC reaches every plugin in list order, whatever fails',
    judge(ctx) {
      const tally = new Tally();
      for (const op of gcOps(ctx)) {
        const want = ctx.networks.get(op.network)?.types.join(',');
        const got = op.calls.map((call) => call.calledAs).join(',');
        if (want !== undefined)
          tally.expect(got === want, () => `GC on ${op.network} called ${got}; expected ${want}`);
      }
      return tally.outcome();
    },
  }),
  defineRule({
    id: 'R-GC-2',
    title: 'cni.dev/valid-attachments lists exactly the live attachments of the network',
    judge(ctx) {
      const tally = new Tally();
      for (const op of gcOps(ctx)) {
        const [live, valid] = [liveAttachments(ctx, op), validList(op)];
        const missing = [...live].filter((key) => !valid.has(key));
        const extra = [...valid].filter((key) => !live.has(key));
        tally.expect(
          missing.length + extra.length === 0,
          () =>
            `GC on ${op.network}: missing ${missing.join(' ') || 'none'}; stale ${extra.join(' ') || 'none'}`,
        );
      }
      return tally.outcome();
    },
  }),
  defineRule({
    id: 'R-GC-3',
    title: 'no ADD or DEL of the network runs while GC runs',
    judge(ctx) {
      const tally = new Tally();
      for (const gc of gcOps(ctx)) {
        const [start, end] = span(gc);
        const overlapping = ctx.ops.filter(
          (op) =>
            (op.verb === 'ADD' || op.verb === 'DEL') &&
            op.network === gc.network &&
            span(op)[0] < end &&
            start < span(op)[1],
        );
        tally.expect(
          overlapping.length === 0,
          () =>
            `GC on ${gc.network} overlapped ${overlapping.map((op) => `${op.verb} cid=${op.containerId}`).join(', ')}`,
        );
      }
      return tally.outcome();
    },
  }),
  defineRule({
    id: 'R-GC-4',
    title: 'attachments left out of a GC still get their DEL (GC does not replace DEL)',
    judge(ctx) {
      const tally = new Tally();
      for (const gc of gcOps(ctx)) {
        const valid = validList(gc);
        for (const add of addedBefore(ctx, gc)) {
          const key = attachmentKey(add.network, add.containerId, add.ifname);
          if (valid.has(key)) continue;
          const deleted = ctx.ops.some(
            (op) =>
              op.verb === 'DEL' &&
              attachmentKey(op.network, op.containerId, op.ifname) === key &&
              ctx.ops.indexOf(op) > ctx.ops.indexOf(add),
          );
          tally.expect(deleted, () => `${key} was left out of GC's valid list but never got DEL`);
        }
      }
      return tally.outcome();
    },
  }),
  defineRule({
    id: 'R-STAT-2',
    title: 'STATUS carries no attachment parameters',
    judge(ctx) {
      const tally = new Tally();
      for (const call of callsOf(ctx, 'STATUS')) {
        const set = ['CNI_CONTAINERID', 'CNI_NETNS', 'CNI_IFNAME'].filter((name) => call.env[name]);
        tally.expect(set.length === 0, () => `${describeCall(call)}: ${set.join(', ')} set`);
      }
      return tally.outcome();
    },
  }),
];
