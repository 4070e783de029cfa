/**
 * FAULT: faults injected around a plugin that delegates to IPAM. The plugin must fail cleanly (exit ≠ 0, error
 * JSON, no crash), and the DEL a runtime sends afterwards must leave nothing behind (projectcalico/cni-plugin#325,
 * cilium#9854, flannel-io/flannel#1662). The netns-gone fault is LEAK's "DEL after the netns was removed".
 */
import type { Invocation } from '../../../src/runtime/invoke.ts';
import { attachOrFail, describe } from '../../plugin/lib/attach.ts';
import { skipUnobserved, startReleaseProbe, stateAddedBy } from '../../plugin/lib/ipam-release.ts';
import { hostLocalLeaseDir, reservationsOf } from '../../plugin/lib/ipam-store.ts';
import { expectSuccess } from '../../plugin/lib/verdicts.ts';
import { check } from '../../support/check.ts';
import type { CheckContext } from '../../support/context.ts';
import { leaseDirOf } from '../lib/ipam-shape.ts';
import { expectNoLeftoversAfterSettling, snapshotWithBaseline } from '../lib/leak-probe.ts';
import { type DelegateFault, delegateType, installDelegateFault } from './delegate-faults.ts';

function delegateOf(ctx: CheckContext): string {
  const type = delegateType(ctx.config());
  if (type === undefined)
    return ctx.skip('plugin-capability-missing', 'the config delegates to no IPAM plugin');
  return type;
}

function expectCleanFailure(invocation: Invocation, what: string): void {
  const clean = invocation.kind === 'plugin-error' && invocation.errorSource === 'stdout-json';
  if (!clean || invocation.outcome.exitCode === 0)
    throw new Error(`${what}: expected a clean failure, got ${describe(invocation)}`);
}

async function addWithFault(ctx: CheckContext, fault: DelegateFault): Promise<Invocation> {
  const cniPath = await installDelegateFault(ctx, delegateOf(ctx), fault);
  return ctx.call('ADD', { env: { CNI_PATH: cniPath } });
}

check(
  ['P-DLG-3', 'P-DEL-1'],
  'when the IPAM delegate fails after allocating, ADD fails cleanly and DEL leaves nothing behind',
  { versions: 'latest', roles: ['main'] },
  async (ctx) => {
    delegateOf(ctx);
    const before = await snapshotWithBaseline(ctx, [ctx.container.name]);
    expectCleanFailure(await addWithFault(ctx, 'fail-after-allocating'), 'ADD with the delegate failing');
    expectSuccess(await ctx.call('DEL'), 'DEL after the failed ADD');
    await expectNoLeftoversAfterSettling(ctx, before, 'after the failed ADD + DEL', [ctx.container.name]);
  },
);

check(
  'P-DLG-5',
  'when ADD fails after the delegate allocated (unusable IPAM result), the reservation is released before it returns',
  {
    versions: 'latest',
    roles: ['main'],
  },
  async (ctx) => {
    delegateOf(ctx);
    const probe = await startReleaseProbe(ctx);
    const add = await addWithFault(ctx, 'unusable-result');
    expectCleanFailure(add, 'ADD with an IPAM result without IPs');
    // What the failed ADD left before the runtime's DEL: by difference, and host-local's files as one more signal.
    const failed = { containerId: ctx.containerId, config: ctx.config(), result: undefined };
    const held = probe ? (await stateAddedBy(ctx, probe, failed)).entries.map((entry) => entry.id) : [];
    const leases = hostLocalLeaseDir(ctx.config());
    if (leases !== undefined)
      held.push(
        ...(await reservationsOf(ctx, leases, ctx.containerId, ctx.ifname)).map((r) => `lease ${r.ip}`),
      );
    await ctx.call('DEL');
    if (held.length > 0)
      throw new Error(`the failed ADD left IPAM state until the runtime's DEL:\n  ${held.join('\n  ')}`);
    // Nothing held: released, or invisible. A normal ADD must show its state for "released" to mean anything.
    const control = await attachOrFail(ctx, { containerId: `${ctx.containerId}-control`, ifname: 'net9' });
    const shown = probe ? (await stateAddedBy(ctx, probe, control)).entries.length > 0 : false;
    if (!shown && leases === undefined) skipUnobserved(ctx, 'after a failed ADD');
  },
);

check(
  'P-DEL-1',
  'when the ADD is killed while its IPAM delegate runs, DEL leaves nothing behind',
  { versions: 'latest', roles: ['main'] },
  async (ctx) => {
    delegateOf(ctx);
    const before = await snapshotWithBaseline(ctx, [ctx.container.name]);
    const add = await addWithFault(ctx, 'kill-caller');
    if (add.kind === 'ok')
      throw new Error('ADD succeeded although it was killed while its IPAM delegate ran');
    expectSuccess(await ctx.call('DEL'), 'DEL after the ADD killed during its delegate call');
    await expectNoLeftoversAfterSettling(ctx, before, 'after the killed ADD + DEL', [ctx.container.name]);
  },
);

async function corruptStore(ctx: CheckContext, dir: string): Promise<void> {
  // Empty every lease file of the attachment and garble host-local's round-robin marker.
  const script = `cd ${dir} && for f in *; do case "$f" in lock) ;; last_reserved_ip*) printf 'garbage\\0' > "$f" ;; *) : > "$f" ;; esac; done`;
  const outcome = await ctx.sandbox.command(['sh', '-c', script]);
  if (outcome.exitCode !== 0) throw new Error(`setup: corrupting ${dir} failed: ${outcome.stderr}`);
}

check(
  ['P-DEL-1', 'P-ERR-1'],
  'with the IPAM reservation files emptied and garbled, DEL succeeds and a new ADD works or fails cleanly',
  { versions: 'latest', roles: ['main', 'ipam'] },
  async (ctx) => {
    const dir = leaseDirOf(ctx.config());
    if (dir === undefined)
      return ctx.skip('plugin-capability-missing', 'no host-local-compatible IPAM store to corrupt');
    await attachOrFail(ctx);
    const present = await ctx.sandbox.command(['test', '-d', dir]);
    if (present.exitCode !== 0)
      return ctx.skip(
        'plugin-capability-missing',
        `the IPAM keeps no host-local-style lease directory ${dir}`,
      );
    await corruptStore(ctx, dir);
    expectSuccess(await ctx.call('DEL'), 'DEL with a corrupted reservation');
    const next = await ctx.call('ADD', { containerId: `${ctx.containerId}-next` });
    if (next.kind !== 'ok') expectCleanFailure(next, 'ADD after the corruption');
    expectSuccess(
      await ctx.call('DEL', { containerId: `${ctx.containerId}-next` }),
      'DEL of the new attachment',
    );
  },
);
