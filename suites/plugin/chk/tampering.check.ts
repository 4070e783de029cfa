/**
 * P-CHK-2: CHECK reports damage to what the plugin created and listed in prevResult: the container interface
 * removed, or its address removed (P-CHK-*). A CHECK that always passes hides broken pods.
 */
import { check } from '../../support/check.ts';
import type { CheckContext } from '../../support/context.ts';
import { type Attachment, attachmentCall, attachOrFail } from '../lib/attach.ts';
import { inspectLink } from '../lib/kernel.ts';
import { viewResult } from '../lib/result-view.ts';
import { expectFailure, expectSuccess } from '../lib/verdicts.ts';

/** ADD, then CHECK must pass (else the damage test means nothing), then the container interface to damage. */
async function healthyAttachment(ctx: CheckContext): Promise<Attachment> {
  const attachment = await attachOrFail(ctx);
  const link = await inspectLink(ctx.sandbox, attachment.ifname, ctx.container.name);
  const listed = viewResult(attachment.result).interfaces.some(
    (i) => i.name === attachment.ifname && i.sandbox,
  );
  if (!link || !listed)
    return ctx.skip('plugin-capability-missing', `ADD does not create and list ${attachment.ifname}`);
  expectSuccess(await ctx.call('CHECK', attachmentCall(attachment)), 'CHECK before tampering');
  return attachment;
}

const OPTIONS = { versions: 'latest', verbs: ['ADD', 'CHECK', 'DEL'], roles: ['main'] } as const;

check('P-CHK-2', 'CHECK fails after the container interface was removed', OPTIONS, async (ctx) => {
  const attachment = await healthyAttachment(ctx);
  await ctx.sandbox.command(['ip', 'link', 'del', attachment.ifname], { container: ctx.container.name });
  expectFailure(
    await ctx.call('CHECK', attachmentCall(attachment)),
    `CHECK after deleting ${attachment.ifname}`,
  );
  await ctx.call('DEL', attachmentCall(attachment));
});

check('P-CHK-2', 'CHECK fails after the container address was removed', OPTIONS, async (ctx) => {
  const attachment = await healthyAttachment(ctx);
  const ip = viewResult(attachment.result).ips[0];
  if (!ip) return ctx.skip('plugin-capability-missing', 'the result lists no address');
  await ctx.sandbox.command(['ip', 'addr', 'del', ip.address, 'dev', attachment.ifname], {
    container: ctx.container.name,
  });
  expectFailure(await ctx.call('CHECK', attachmentCall(attachment)), `CHECK after removing ${ip.address}`);
  await ctx.call('DEL', attachmentCall(attachment));
});
