/**
 * P-DEL-1: DEL undoes ADD: the container interface and the host-side links ADD created are gone (the bridge itself
 * may stay), the NAT rules it added (ipMasq) are gone, and the IPAM reservation is released (P-DEL-*), whatever
 * the IPAM (ipam-release.ts). The LEAK suite diffs everything; this check names the three things a runtime notices
 * first.
 */
import { expect } from 'vitest';
import { HarnessError } from '../../../src/errors.ts';
import { check } from '../../support/check.ts';
import type { CheckContext } from '../../support/context.ts';
import { attachmentCall, attachOrFail } from '../lib/attach.ts';
import {
  expectReleased,
  hasIpam,
  skipUnobserved,
  startReleaseProbe,
  stateAddedBy,
} from '../lib/ipam-release.ts';
import { inspectLinks, type KernelLink } from '../lib/kernel.ts';
import { expectSuccess } from '../lib/verdicts.ts';

const BUILTIN_CHAIN = /^:(PREROUTING|INPUT|OUTPUT|POSTROUTING) /;
const NFT_ACTION = /\b(masquerade|dnat|snat|jump|goto)\b/;

/**
 * NAT rules and chains a DEL must undo (ipMasq, portmap), as comparable lines: iptables-save rules and
 * non-builtin chains with counters dropped, and nft rules with an action. Tables iptables-nft creates on first
 * use (`table ip nat {`) are scaffolding and may stay.
 */
async function read(ctx: CheckContext, argv: readonly string[]): Promise<string> {
  const outcome = await ctx.sandbox.command(argv);
  if (outcome.exitCode !== 0)
    throw new HarnessError(
      'CNI_CONFORMANCE_INSPECT_FAILED',
      `${argv.join(' ')} failed (exit ${outcome.exitCode ?? outcome.signal}): ${outcome.stderr.trim().slice(0, 300)}`,
    );
  return outcome.stdout;
}

async function natLines(ctx: CheckContext): Promise<Set<string>> {
  const saved = { stdout: await read(ctx, ['iptables-save', '-t', 'nat']) };
  const nft = { stdout: await read(ctx, ['nft', 'list', 'ruleset']) };
  const iptables = saved.stdout
    .split('\n')
    .map((line) => line.replace(/\[\d+:\d+\]/g, '').trim())
    .filter((line) => line.startsWith('-A ') || (line.startsWith(':') && !BUILTIN_CHAIN.test(line)));
  const rules = nft.stdout
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => NFT_ACTION.test(line));
  return new Set([...iptables, ...rules]);
}

async function linkNames(ctx: CheckContext, container?: string): Promise<Map<string, KernelLink>> {
  return new Map((await inspectLinks(ctx.sandbox, container)).map((link) => [link.name, link]));
}

check(
  'P-DEL-1',
  'DEL removes the interfaces ADD created and releases the IP reservation',
  { versions: 'latest', roles: ['main', 'ipam'] },
  async (ctx) => {
    const ipam = hasIpam(ctx.config());
    const probe = ipam ? await startReleaseProbe(ctx) : undefined;
    const hostBefore = await linkNames(ctx);
    const containerBefore = await linkNames(ctx, ctx.container.name);
    const natBefore = await natLines(ctx);
    const attachment = await attachOrFail(ctx);
    const owned = probe ? await stateAddedBy(ctx, probe, attachment) : undefined;
    const natAdded = [...(await natLines(ctx))].filter((line) => !natBefore.has(line));
    const hostAdded = [...(await linkNames(ctx)).values()].filter(
      (l) => !hostBefore.has(l.name) && l.kind !== 'bridge',
    );
    expectSuccess(await ctx.call('DEL', attachmentCall(attachment)), 'DEL');
    const containerAfter = [...(await linkNames(ctx, ctx.container.name)).keys()];
    expect(
      containerAfter.filter((name) => !containerBefore.has(name)),
      'container links left by DEL',
    ).toEqual([]);
    const hostAfter = await linkNames(ctx);
    expect(
      hostAdded.map((l) => l.name).filter((name) => hostAfter.has(name)),
      'host links left by DEL',
    ).toEqual([]);
    const natAfter = await natLines(ctx);
    expect(
      natAdded.filter((line) => natAfter.has(line)),
      'NAT rules and chains left by DEL',
    ).toEqual([]);
    if (ipam && !(await expectReleased(ctx, probe, owned, attachment, 'after DEL')))
      skipUnobserved(ctx, 'after DEL');
  },
);
