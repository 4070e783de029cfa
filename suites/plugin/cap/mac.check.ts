/**
 * P-CAP-1: `runtimeConfig.mac` (CONVENTIONS.md) sets the container interface's MAC, and the result reports it
 * (P-CAP-*).
 */
import { expect } from 'vitest';
import { check } from '../../support/check.ts';
import { attachOrFail, detach } from '../lib/attach.ts';
import { inspectLink } from '../lib/kernel.ts';
import { viewResult } from '../lib/result-view.ts';
import { requireCapability } from './declared.ts';

const MAC = 'c2:11:22:33:44:55';

check(
  'P-CAP-1',
  'runtimeConfig.mac sets the container interface MAC',
  { versions: 'latest', roles: ['main'] },
  async (ctx) => {
    requireCapability(ctx, 'mac');
    const attachment = await attachOrFail(ctx, { config: ctx.config({ runtimeConfig: { mac: MAC } }) });
    const link = await inspectLink(ctx.sandbox, attachment.ifname, ctx.container.name);
    expect(link?.mac, `MAC of ${attachment.ifname} in the container`).toBe(MAC);
    const reported = viewResult(attachment.result).interfaces.find((i) => i.name === attachment.ifname);
    expect(reported?.mac, 'MAC reported in the result').toBe(MAC);
    await detach(ctx, attachment);
  },
);
