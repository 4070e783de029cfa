/**
 * LEAK after ADDs that did not complete (P-DEL-1): an ADD that failed because the range was exhausted, and ADDs
 * killed with SIGKILL at a random moment (as a runtime's timeout does: cilium#9913), each followed by the DEL a
 * runtime sends. A baseline attachment is alive throughout, so afterwards nothing may differ.
 */

import { attach, attachOrFail, detach } from '../../plugin/lib/attach.ts';
import { expectSuccess } from '../../plugin/lib/verdicts.ts';
import { check } from '../../support/check.ts';
import { isRangeIpam, withSubnet } from '../lib/ipam-shape.ts';
import { expectNoLeftoversAfterSettling, snapshotWithBaseline } from '../lib/leak-probe.ts';
import { seededRandom } from '../lib/seeded-random.ts';

/** Two allocatable addresses (.2, .3): the baseline and the first attachment take them, the next ADD fails. */
const SUBNET = '10.235.0.0/29';
const RANGE_END = '10.235.0.3';
/** SIGKILL rounds, each at another moment. */
const KILL_ROUNDS = 3;

check(
  'P-DEL-1',
  'an ADD that failed (range exhausted) followed by DEL leaves nothing behind',
  { versions: 'latest', roles: ['main', 'ipam'] },
  async (ctx) => {
    const config = ctx.config();
    if (!isRangeIpam(config)) ctx.skip('plugin-capability-missing', 'IPAM config has no subnet or ranges');
    const tiny = withSubnet(config, SUBNET, RANGE_END);
    const other = await ctx.sandbox.addContainer('other');
    const before = await snapshotWithBaseline(ctx, [ctx.container.name, other.name], tiny);
    const first = await attachOrFail(ctx, { config: tiny });
    const failed = await attach(ctx, { config: tiny, container: other, containerId: `${ctx.containerId}-b` });
    expectSuccess(await detach(ctx, failed), 'DEL after the failed ADD');
    expectSuccess(await detach(ctx, first), 'DEL of the first attachment');
    const what = `after a ${failed.add.kind === 'ok' ? 'successful (!)' : 'failed'} ADD on an exhausted range + DEL`;
    await expectNoLeftoversAfterSettling(ctx, before, what, [ctx.container.name, other.name]);
  },
);

check(
  'P-DEL-1',
  `ADDs killed with SIGKILL at a random moment, then DEL, leave nothing behind (${KILL_ROUNDS} rounds)`,
  { versions: 'latest', roles: ['main', 'ipam'] },
  async (ctx) => {
    const random = seededRandom(ctx.target.seed);
    const probe = await attachOrFail(ctx, { containerId: `${ctx.containerId}-probe` });
    const addMs = probe.add.outcome.durationMs;
    expectSuccess(await detach(ctx, probe), 'DEL of the timing probe');
    const before = await snapshotWithBaseline(ctx, [ctx.container.name]);
    const moments: number[] = [];
    for (let round = 0; round < KILL_ROUNDS; round++) {
      const killAfterMs = Math.max(1, Math.round(random() * addMs));
      moments.push(killAfterMs);
      const killed = await ctx.call('ADD', {
        containerId: `${ctx.containerId}-k${round}`,
        timeoutMs: killAfterMs,
      });
      const call = { containerId: killed.request.env.CNI_CONTAINERID ?? '', config: ctx.config() };
      expectSuccess(await ctx.call('DEL', call), `DEL after ADD killed at ${killAfterMs} ms`);
    }
    const what = `after ADDs killed at ${moments.join(', ')} ms of ~${Math.round(addMs)} ms (seed ${ctx.target.seed}) + DEL`;
    await expectNoLeftoversAfterSettling(ctx, before, what, [ctx.container.name]);
  },
);
