/**
 * LEAK (P-DEL-1, P-DEL-4): DEL removes exactly what its ADD added. The inspector compares everything it sees (links,
 * addresses, routes, rules, neighbours, iptables, nft with set elements, sysctls, files under /run, /var/lib/cni,
 * /etc/cni and the author's --watch-dir/--state-dir, --state-command lines, processes, mounts). What one attachment
 * owns is found by difference: a second ADD next to a live first one adds only its own state, and its DEL must take
 * all of it away; the first one's DEL is then judged by likeness to what the second owned (kubernetes#57280,
 * containers/dnsname#73).
 */

import { firstAttachmentLeftovers, ownedByAdd } from '../../../src/inspect/index.ts';
import { attachmentCall, attachOrFail, detach } from '../../plugin/lib/attach.ts';
import { expectSuccess } from '../../plugin/lib/verdicts.ts';
import { check } from '../../support/check.ts';
import {
  addBaseline,
  expectNoLeftovers,
  expectNoLeftoversAfterSettling,
  identityOf,
  settledState,
  snapshotSandbox,
  snapshotWithBaseline,
} from '../lib/leak-probe.ts';

check('P-DEL-1', 'ADD then DEL removes exactly what the ADD added', { versions: 'latest' }, async (ctx) => {
  const containers = [ctx.container.name];
  const empty = await snapshotSandbox(ctx, containers);
  const first = await addBaseline(ctx);
  if (first === undefined) {
    // One attachment only: the name table is all there is to tell scaffolding from leaks.
    const attachment = await attachOrFail(ctx);
    expectSuccess(await detach(ctx, attachment), 'DEL');
    await expectNoLeftoversAfterSettling(ctx, empty, 'after ADD + DEL', containers);
    return;
  }
  const before = await snapshotSandbox(ctx, containers, first);
  const second = await attachOrFail(ctx);
  const owned = ownedByAdd(before.host, (await snapshotSandbox(ctx)).host, identityOf(second));
  expectSuccess(await detach(ctx, second), 'DEL of the second attachment');
  await expectNoLeftoversAfterSettling(ctx, before, 'after the second ADD + DEL', containers, [owned]);
  expectSuccess(await detach(ctx, first), 'DEL of the first attachment');
  const after = await settledState(ctx, empty, containers);
  const judged = firstAttachmentLeftovers(empty.host, after.host, identityOf(first), owned);
  const lines = judged.leftovers.map(
    (l) => `host: ${l.entry.change} ${l.entry.id} (created by the ${l.createdBy})`,
  );
  if (lines.length > 0)
    throw new Error(
      `after the first ADD + DEL: ${lines.length} object(s) left behind that look like what the second ADD owned (P-DEL-1):\n  ${lines.join('\n  ')}`,
    );
  // The first attachment's container must be as it was too.
  expectNoLeftovers({ ...empty, host: after.host, baseline: first }, after, 'after the first ADD + DEL');
});

check(
  ['P-DEL-4', 'P-DEL-1'],
  'DEL after the netns was removed leaves nothing behind',
  { versions: 'latest', roles: ['main', 'ipam'] },
  async (ctx) => {
    const before = await snapshotWithBaseline(ctx);
    const container = await ctx.sandbox.addContainer('gone');
    const attachment = await attachOrFail(ctx, { container });
    const owned = ownedByAdd(before.host, (await snapshotSandbox(ctx)).host, identityOf(attachment));
    await ctx.sandbox.removeContainer(container.name);
    expectSuccess(await ctx.call('DEL', attachmentCall(attachment)), 'DEL with the netns gone');
    await expectNoLeftoversAfterSettling(ctx, before, 'after ADD, netns removal and DEL', [], [owned]);
  },
);
