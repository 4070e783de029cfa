/**
 * P-ENV: how a plugin reads its environment (P-ENV-*). Required variables per verb follow the spec columns;
 * CNI_PATH is always sent because Go's skel requires it (P-ENV-6).
 */
import { describe, expect } from 'vitest';
import type { Invocation } from '../../../src/runtime/invoke.ts';
import { type Verb, verbAllowed } from '../../../src/spec/versions.ts';
import { addAttachment, delAttachment, describeOutcome, expectOk } from '../../support/attachment.ts';
import { check } from '../../support/check.ts';
import type { CheckContext } from '../../support/context.ts';

/** Spec-required attachment variables per verb (CNI_NETNS is optional on DEL). */
const REQUIRED: ReadonlyArray<readonly [Verb, string]> = [
  ['ADD', 'CNI_CONTAINERID'],
  ['ADD', 'CNI_NETNS'],
  ['ADD', 'CNI_IFNAME'],
  ['DEL', 'CNI_CONTAINERID'],
  ['DEL', 'CNI_IFNAME'],
  ['CHECK', 'CNI_CONTAINERID'],
  ['CHECK', 'CNI_NETNS'],
  ['CHECK', 'CNI_IFNAME'],
];

function applicableMissingVars(ctx: CheckContext): ReadonlyArray<readonly [Verb, string]> {
  return REQUIRED.filter(([verb]) => verbAllowed(verb, ctx.version));
}

async function callWithout(
  ctx: CheckContext,
  verb: Verb,
  name: string,
  prevResult: unknown,
): Promise<Invocation> {
  return ctx.call(verb, { env: { [name]: undefined }, ...(verb === 'ADD' ? {} : { prevResult }) });
}

describe('environment', () => {
  check(
    'P-ENV-1',
    'the verb is taken from CNI_COMMAND: ADD, CHECK, DEL and VERSION each do their own job',
    { versions: 'latest', verbs: ['ADD', 'DEL', 'VERSION'], roles: ['main', 'meta'] },
    async (ctx) => {
      const version = expectOk(await ctx.call('VERSION'), 'VERSION') as { supportedVersions?: unknown };
      expect(version.supportedVersions, 'VERSION replies with supportedVersions').toBeDefined();
      const added = expectOk(await addAttachment(ctx), 'ADD') as { cniVersion?: unknown };
      expect(added?.cniVersion, 'ADD replies with a result carrying cniVersion').toBe(ctx.version);
      if (verbAllowed('CHECK', ctx.version)) {
        const checked = await ctx.call('CHECK', { prevResult: added });
        expectOk(checked, 'CHECK');
        expect(checked.outcome.stdout.trim(), 'CHECK prints no result').toBe('');
      }
      expectOk(await delAttachment(ctx, { prevResult: added }), 'DEL');
    },
  );

  check(
    'P-ENV-2',
    'a call missing a required CNI_* variable fails',
    { versions: 'latest', verbs: ['ADD', 'DEL'] },
    async (ctx) => {
      const added = await addAttachment(ctx);
      const prevResult = added.kind === 'ok' ? added.output : undefined;
      const accepted: string[] = [];
      for (const [verb, name] of applicableMissingVars(ctx)) {
        const invocation = await callWithout(ctx, verb, name, prevResult);
        if (invocation.outcome.exitCode === 0) accepted.push(`${verb} without ${name}`);
      }
      expect(accepted, 'calls that succeeded although a required variable was missing').toEqual([]);
    },
  );

  check(
    'P-ENV-2',
    'a missing required variable gives error code 4 naming the variable',
    { versions: 'latest', verbs: ['ADD', 'DEL'], level: 'IMPL' },
    async (ctx) => {
      const wrong: string[] = [];
      for (const [verb, name] of applicableMissingVars(ctx)) {
        const invocation = await callWithout(ctx, verb, name, undefined);
        const ok = invocation.kind === 'plugin-error' && invocation.error.code === 4;
        if (!ok || !invocation.error.msg.includes(name)) {
          wrong.push(`${verb} without ${name}: ${describeOutcome(invocation)}`);
        }
      }
      expect(wrong, 'calls without code 4 naming the missing variable').toEqual([]);
    },
  );

  // Exiting 0 on a verb it does not know claims a success that never happened: P-ERR-1 (MUST). The code and the
  // message are the Go skel's (P-ENV-3, IMPL) and judged apart, only when it did fail.
  check(
    ['P-ERR-1', 'P-ENV-3'],
    'an unknown CNI_COMMAND fails (non-zero exit)',
    { versions: 'latest', verbs: ['ADD'] },
    async (ctx) => {
      const invocation = await ctx.call('ADD', { env: { CNI_COMMAND: 'FROBNICATE' } });
      expect(invocation.outcome.exitCode, `exit code of CNI_COMMAND=FROBNICATE`).not.toBe(0);
    },
  );

  check(
    'P-ENV-3',
    'an unknown CNI_COMMAND fails with code 4 "unknown CNI_COMMAND"',
    { versions: 'latest', verbs: ['ADD'] },
    async (ctx) => {
      const invocation = await ctx.call('ADD', { env: { CNI_COMMAND: 'FROBNICATE' } });
      if (invocation.outcome.exitCode === 0) return; // the P-ERR-1 check above fails it
      expect(describeOutcome(invocation)).toMatch(/code 4: .*unknown CNI_COMMAND: FROBNICATE/);
    },
  );

  check(
    'P-ENV-3',
    'without CNI_COMMAND the plugin prints its name and versions to stderr and exits 0',
    { versions: 'latest', verbs: ['ADD'], level: 'INFO' },
    async (ctx) => {
      const invocation = await ctx.call('ADD', { env: { CNI_COMMAND: undefined } });
      expect(invocation.outcome.exitCode, 'exit code').toBe(0);
      expect(invocation.outcome.stderr, 'about text on stderr').toMatch(/CNI .*plugin/);
    },
  );
});
