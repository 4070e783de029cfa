/**
 * P-CHK-1 / P-CHK-5: CHECK with the ADD result as prevResult passes right after ADD, with no settling time
 * (P-CHK-*; containernetworking/plugins#296).
 */

import { targetPluginEntry } from '../../../src/target.ts';
import { check } from '../../support/check.ts';
import { attachmentCall, attachOrFail } from '../lib/attach.ts';
import { expectSuccess } from '../lib/verdicts.ts';

check(
  ['P-CHK-1', 'P-CHK-5'],
  'CHECK passes immediately after a successful ADD',
  {
    versions: 'latest',
    verbs: ['ADD', 'CHECK', 'DEL'],
  },
  async (ctx) => {
    const attachment = await attachOrFail(ctx);
    expectSuccess(await ctx.call('CHECK', attachmentCall(attachment)), 'CHECK right after ADD');
    await ctx.call('DEL', attachmentCall(attachment));
  },
);

/** Sample runtimeConfig values for the capabilities meta plugins declare (CONVENTIONS.md shapes). */
const SAMPLE_CAPABILITY_ARGS: Readonly<Record<string, unknown>> = {
  portMappings: [{ hostPort: 18_081, containerPort: 80, protocol: 'tcp' }],
  bandwidth: { ingressRate: 1_000_000, ingressBurst: 100_000, egressRate: 1_000_000, egressBurst: 100_000 },
};

check(
  ['P-CHK-1', 'P-CHK-5'],
  'CHECK passes immediately after an ADD that used the declared capabilities',
  {
    versions: 'latest',
    verbs: ['ADD', 'CHECK', 'DEL'],
  },
  async (ctx) => {
    const declared = (targetPluginEntry(ctx.target).capabilities ?? {}) as Record<string, unknown>;
    const used = Object.keys(SAMPLE_CAPABILITY_ARGS).filter((name) => declared[name] === true);
    if (used.length === 0)
      return ctx.skip('plugin-capability-missing', 'no portMappings or bandwidth capability');
    const runtimeConfig = Object.fromEntries(used.map((name) => [name, SAMPLE_CAPABILITY_ARGS[name]]));
    const attachment = await attachOrFail(ctx, { config: ctx.config({ runtimeConfig }) });
    expectSuccess(
      await ctx.call('CHECK', attachmentCall(attachment)),
      `CHECK right after ADD using ${used.join(', ')}`,
    );
    await ctx.call('DEL', attachmentCall(attachment));
  },
);
