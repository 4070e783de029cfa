/**
 * LEAK (P-DEL-1, P-DEL-4): the sandbox after ADD + DEL equals the sandbox before ADD, except for scaffolding. The
 * inspector compares everything it sees (links, addresses, routes, rules, iptables, nft, sysctls, IPAM files,
 * processes), so leaked veths, nat chains and reservations all show (kubernetes#57280, containers/dnsname#73).
 */

import { attachmentCall, attachOrFail, detach } from '../../plugin/lib/attach.ts';
import { expectSuccess } from '../../plugin/lib/verdicts.ts';
import { check } from '../../support/check.ts';
import { expectNoLeftoversAfterSettling, snapshotSandbox } from '../lib/leak-probe.ts';

check(
  'P-DEL-1',
  'ADD then DEL leaves nothing behind but scaffolding',
  { versions: 'latest' },
  async (ctx) => {
    const containers = [ctx.container.name];
    const before = await snapshotSandbox(ctx, containers);
    const attachment = await attachOrFail(ctx);
    expectSuccess(await detach(ctx, attachment), 'DEL');
    await expectNoLeftoversAfterSettling(ctx, before, 'after ADD + DEL', containers);
  },
);

check(
  ['P-DEL-4', 'P-DEL-1'],
  'DEL after the netns was removed leaves nothing behind but scaffolding',
  { versions: 'latest', roles: ['main', 'ipam'] },
  async (ctx) => {
    const before = await snapshotSandbox(ctx);
    const container = await ctx.sandbox.addContainer('gone');
    const attachment = await attachOrFail(ctx, { container });
    await ctx.sandbox.removeContainer(container.name);
    expectSuccess(await ctx.call('DEL', attachmentCall(attachment)), 'DEL with the netns gone');
    await expectNoLeftoversAfterSettling(ctx, before, 'after ADD, netns removal and DEL');
  },
);
