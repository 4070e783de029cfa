/**
 * FAULT: DEL with a piece of the attachment's world missing. The IPAM delegate gone from CNI_PATH: DEL either fails
 * (the runtime keeps the attachment and retries) or releases everything anyway; a DEL that reports success and
 * leaves the reservation behind leaks it for good (P-DLG-3: the delegate's error is the caller's). The plugin's
 * own state files wiped after ADD (k8snetworkplumbingwg/multus-cni#920, flannel-io/cni-plugin#33): DEL must still
 * succeed and undo what ADD did in the kernel. The state files are found by difference (new files under
 * /var/lib/cni and /run after ADD), not by knowing the plugin.
 */
import { SANDBOX_MARKER_DIR } from '../../../src/sandbox/mount-plan.ts';
import { attachmentCall, attachOrFail, detach } from '../../plugin/lib/attach.ts';
import { expectSuccess } from '../../plugin/lib/verdicts.ts';
import { check } from '../../support/check.ts';
import type { CheckContext } from '../../support/context.ts';
import { expectNoLeftoversAfterSettling, leftovers, snapshotSandbox } from '../lib/leak-probe.ts';
import { delegateType } from './delegate-faults.ts';

check(
  ['P-DLG-3', 'P-DEL-1'],
  'DEL with the IPAM delegate missing from CNI_PATH fails, or succeeds having left nothing behind',
  { versions: 'latest', roles: ['main'] },
  async (ctx) => {
    const type = delegateType(ctx.config());
    if (type === undefined)
      return ctx.skip('plugin-capability-missing', 'the config delegates to no IPAM plugin');
    const empty = `/tmp/cnc-empty-cni-dir-${ctx.containerId}`;
    const made = await ctx.sandbox.command(['mkdir', '-p', empty]);
    if (made.exitCode !== 0) throw new Error(`setup: mkdir ${empty} failed: ${made.stderr}`);
    const containers = [ctx.container.name];
    const before = await snapshotSandbox(ctx, containers);
    const attachment = await attachOrFail(ctx);
    const del = await ctx.call('DEL', attachmentCall(attachment, { env: { CNI_PATH: empty } }));
    if (del.kind === 'ok') {
      const left = leftovers(before, await snapshotSandbox(ctx, containers));
      if (left.length > 0)
        throw new Error(
          `DEL without its IPAM delegate ${type} on CNI_PATH reported success, so a runtime forgets the ` +
            `attachment, but left:\n  ${left.join('\n  ')}`,
        );
      return;
    }
    expectSuccess(await ctx.call('DEL', attachmentCall(attachment)), 'DEL once the delegate is back');
    await expectNoLeftoversAfterSettling(
      ctx,
      before,
      'after the failed DEL and a DEL with the delegate back',
      containers,
    );
  },
);

/**
 * Where plugins keep state a test can wipe: the sandbox's private /var/lib/cni and /run, without the netns mounts
 * and the sandbox's own bookkeeping.
 */
const STATE_FIND = `find /var/lib/cni /run \\( -path /run/netns -o -path ${SANDBOX_MARKER_DIR} \\) -prune -o -type f -print`;

async function stateFiles(ctx: CheckContext): Promise<Set<string>> {
  const listed = await ctx.sandbox.command(['sh', '-c', STATE_FIND]);
  if (listed.exitCode !== 0) throw new Error(`inspecting state files failed: ${listed.stderr.trim()}`);
  return new Set(listed.stdout.split('\n').filter((line) => line !== ''));
}

check(
  'P-DEL-1',
  'with the state files ADD wrote wiped, DEL still succeeds and removes what ADD made',
  { versions: 'latest', roles: ['main', 'meta'] },
  async (ctx) => {
    const containers = [ctx.container.name];
    const before = await snapshotSandbox(ctx, containers);
    const existing = await stateFiles(ctx);
    const attachment = await attachOrFail(ctx);
    const written = [...(await stateFiles(ctx))].filter((file) => !existing.has(file));
    if (written.length === 0) {
      await detach(ctx, attachment);
      return ctx.skip('plugin-capability-missing', 'ADD wrote no state files under /var/lib/cni or /run');
    }
    const wiped = await ctx.sandbox.command(['rm', '-f', '--', ...written]);
    if (wiped.exitCode !== 0) throw new Error(`setup: wiping ${written.join(' ')} failed: ${wiped.stderr}`);
    expectSuccess(await detach(ctx, attachment), `DEL after wiping ${written.join(', ')}`);
    await expectNoLeftoversAfterSettling(
      ctx,
      before,
      `after wiping ${written.length} state file(s) and DEL`,
      containers,
    );
  },
);
