/**
 * P-CHAIN-1 / P-CHAIN-2: a chained plugin given `prevResult` on ADD outputs it, changed only by its own
 * modifications: every interface, address and route of the previous result is still there (P-CHAIN-*;
 * containernetworking/plugins#360: later plugins that dropped it broke the chain).
 */
import { expect } from 'vitest';
import { check } from '../../support/check.ts';
import { attachOrFail, detach } from '../lib/attach.ts';
import { viewResult } from '../lib/result-view.ts';

check(
  ['P-CHAIN-1', 'P-CHAIN-2'],
  'a chained plugin’s ADD result keeps every interface, address and route of prevResult',
  { versions: 'latest', roles: ['meta'] },
  async (ctx) => {
    const attachment = await attachOrFail(ctx);
    if (attachment.prevResult === undefined)
      return ctx.skip('role-mismatch', 'no chain before the plugin in the config');
    const before = viewResult(attachment.prevResult);
    const after = viewResult(attachment.result);
    expect(after.cniVersion, 'cniVersion').toBe(before.cniVersion);
    for (const entry of before.interfaces) {
      expect(after.interfaces, `interface ${entry.name} of prevResult`).toContainEqual(
        expect.objectContaining({ name: entry.name, sandbox: entry.sandbox }),
      );
    }
    for (const ip of before.ips) {
      expect(
        after.ips.map((i) => i.address),
        `address ${ip.address} of prevResult`,
      ).toContain(ip.address);
    }
    for (const route of before.routes) {
      expect(after.routes, `route ${route.dst} of prevResult`).toContainEqual(route);
    }
    await detach(ctx, attachment);
  },
);
