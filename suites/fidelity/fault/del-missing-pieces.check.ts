/**
 * FAULT: DEL with a piece of the attachment's world missing. The IPAM delegate gone from CNI_PATH: DEL either fails
 * (the runtime keeps the attachment and retries) or has released the address anyway; a DEL that reports success
 * and keeps the reservation leaks it for good (P-DLG-3: the delegate's error is the caller's). Judged by
 * exhaustion of a one-address range, not by reading the IPAM's store. The plugin's own state files wiped after ADD
 * (k8snetworkplumbingwg/multus-cni#920, flannel-io/cni-plugin#33): DEL must still succeed and remove the
 * interfaces ADD made in the container. The state files are found by difference (new files under /var/lib/cni and
 * /run after ADD), not by knowing the plugin.
 */
import { SANDBOX_MARKER_DIR } from '../../../src/sandbox/mount-plan.ts';
import { attach, attachmentCall, attachOrFail, describe, detach } from '../../plugin/lib/attach.ts';
import { emptyCniDir } from '../../plugin/lib/empty-cni-dir.ts';
import { inspectLinks } from '../../plugin/lib/kernel.ts';
import { expectSuccess } from '../../plugin/lib/verdicts.ts';
import { check } from '../../support/check.ts';
import type { CheckContext } from '../../support/context.ts';
import { isRangeIpam, withSubnet } from '../lib/ipam-shape.ts';
import { delegateType } from './delegate-faults.ts';

const SUBNET = '10.240.0.0/29';
const ONLY_ADDRESS = '10.240.0.2';

check(
  ['P-DLG-3', 'P-DEL-1'],
  'DEL with the IPAM delegate missing from CNI_PATH fails, or succeeds having released the address',
  { versions: 'latest', roles: ['main'] },
  async (ctx) => {
    const type = delegateType(ctx.config());
    if (type === undefined)
      return ctx.skip('plugin-capability-missing', 'the config delegates to no IPAM plugin');
    if (!isRangeIpam(ctx.config()))
      return ctx.skip('plugin-capability-missing', 'the IPAM config has no subnet or ranges to shrink');
    const config = withSubnet(ctx.config(), SUBNET, ONLY_ADDRESS);
    const first = await attachOrFail(ctx, { config });
    const env = { CNI_PATH: await emptyCniDir(ctx) };
    const del = await ctx.call('DEL', attachmentCall(first, { env }));
    if (del.kind !== 'ok') {
      expectSuccess(await detach(ctx, first), 'DEL once the delegate is back');
      return;
    }
    const next = await attach(ctx, { config, containerId: `${ctx.containerId}-next`, ifname: 'eth1' });
    await detach(ctx, next);
    if (next.add.kind !== 'ok')
      throw new Error(
        `DEL without its IPAM delegate ${type} on CNI_PATH reported success, so a runtime forgets the attachment, ` +
          `but the range's only address ${ONLY_ADDRESS} stayed taken: ${describe(next.add)}`,
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

async function containerLinks(ctx: CheckContext): Promise<Set<string>> {
  return new Set((await inspectLinks(ctx.sandbox, ctx.container.name)).map((link) => link.name));
}

check(
  'P-DEL-1',
  'with the state files ADD wrote wiped, DEL still succeeds and removes the interfaces ADD made',
  { versions: 'latest', roles: ['main', 'meta'] },
  async (ctx) => {
    const existing = await stateFiles(ctx);
    const linksBefore = await containerLinks(ctx);
    const attachment = await attachOrFail(ctx);
    const written = [...(await stateFiles(ctx))].filter((file) => !existing.has(file));
    const made = [...(await containerLinks(ctx))].filter((name) => !linksBefore.has(name));
    if (written.length === 0) {
      await detach(ctx, attachment);
      return ctx.skip('plugin-capability-missing', 'ADD wrote no state files under /var/lib/cni or /run');
    }
    const wiped = await ctx.sandbox.command(['rm', '-f', '--', ...written]);
    if (wiped.exitCode !== 0) throw new Error(`setup: wiping ${written.join(' ')} failed: ${wiped.stderr}`);
    expectSuccess(await detach(ctx, attachment), `DEL after wiping ${written.join(', ')}`);
    const now = await containerLinks(ctx);
    const kept = made.filter((name) => now.has(name));
    if (kept.length > 0)
      throw new Error(
        `DEL after wiping ${written.join(', ')} left the container interface(s) ${kept.join(', ')}`,
      );
  },
);
