/**
 * P-ADD-5: result interfaces that live in the container carry `sandbox` = CNI_NETNS; host-side interfaces carry
 * none (P-ADD-*). A chained plugin that looks for "the host veth" by a missing sandbox depends on it
 * (projectcalico/cni-plugin#607).
 */
import { expect } from 'vitest';
import { check } from '../../support/check.ts';
import { attachOrFail, detach } from '../lib/attach.ts';
import { inspectLinks } from '../lib/kernel.ts';
import { viewResult } from '../lib/result-view.ts';

check(
  'P-ADD-5',
  'container interfaces carry sandbox = CNI_NETNS and host interfaces carry no sandbox',
  { versions: 'latest', roles: ['main', 'meta'] },
  async (ctx) => {
    const attachment = await attachOrFail(ctx);
    const view = viewResult(attachment.result);
    if (view.interfaces.length === 0)
      return ctx.skip('plugin-capability-missing', 'the result lists no interfaces');
    const inContainer = new Set((await inspectLinks(ctx.sandbox, ctx.container.name)).map((l) => l.name));
    const onHost = new Set((await inspectLinks(ctx.sandbox)).map((l) => l.name));
    for (const [index, entry] of view.interfaces.entries()) {
      const label = `interfaces[${index}] ${entry.name}`;
      if (entry.sandbox !== undefined && entry.sandbox !== '') {
        expect(entry.sandbox, `${label}.sandbox`).toBe(attachment.netns);
        expect(inContainer.has(entry.name), `${label} claims the container but is not there`).toBe(true);
      } else if (inContainer.has(entry.name) && !onHost.has(entry.name)) {
        throw new Error(`${label} lives in the container (${attachment.netns}) but has no sandbox field`);
      }
    }
    await detach(ctx, attachment);
  },
);
