/**
 * P-CHK-4: CHECK tolerates what later chained plugins legitimately changed. A MAC changed in the container and
 * reported in the prevResult (as tuning does) must not fail the plugin's CHECK (P-CHK-*).
 */
import { check } from '../../support/check.ts';
import { attachmentCall, attachOrFail } from '../lib/attach.ts';
import { viewResult } from '../lib/result-view.ts';
import { expectSuccess } from '../lib/verdicts.ts';

const NEW_MAC = '02:cc:00:11:22:33';

check(
  'P-CHK-4',
  'CHECK passes when a later plugin changed the container MAC and reported it in prevResult',
  { versions: 'latest', verbs: ['ADD', 'CHECK', 'DEL'], roles: ['main'] },
  async (ctx) => {
    const attachment = await attachOrFail(ctx);
    const result = structuredClone(attachment.result) as {
      interfaces?: { name: string; mac?: string; sandbox?: string }[];
    };
    const entry = result.interfaces?.find((i) => i.name === attachment.ifname && i.sandbox);
    if (!entry?.mac)
      return ctx.skip('plugin-capability-missing', `the result reports no MAC for ${attachment.ifname}`);
    const changed = await ctx.sandbox.command(
      ['ip', 'link', 'set', 'dev', attachment.ifname, 'address', NEW_MAC],
      {
        container: ctx.container.name,
      },
    );
    if (changed.exitCode !== 0) throw new Error(`setup: could not change the MAC: ${changed.stderr.trim()}`);
    entry.mac = NEW_MAC;
    expectSuccess(
      await ctx.call('CHECK', attachmentCall(attachment, { prevResult: result })),
      'CHECK with the new MAC in prevResult',
    );
    if (viewResult(result).interfaces.length > 0)
      await ctx.call('DEL', attachmentCall(attachment, { prevResult: result }));
  },
);
