/**
 * P-ADD-6: every `ips[].interface` is a valid index into `interfaces` (P-ADD-*); sbr and bandwidth follow it
 * (k8snetworkplumbingwg/ovs-cni#133).
 */
import { expect } from 'vitest';
import { check } from '../../support/check.ts';
import { attachOrFail, detach } from '../lib/attach.ts';
import { viewResult } from '../lib/result-view.ts';

check(
  'P-ADD-6',
  'every ips[].interface indexes an entry of interfaces',
  { versions: 'latest', roles: ['main', 'meta'] },
  async (ctx) => {
    const attachment = await attachOrFail(ctx);
    const view = viewResult(attachment.result);
    for (const [index, ip] of view.ips.entries()) {
      if (ip.interface === undefined) continue;
      expect(Number.isInteger(ip.interface) && ip.interface >= 0, `ips[${index}].interface is an index`).toBe(
        true,
      );
      expect(
        ip.interface,
        `ips[${index}].interface (${ip.address}) within ${view.interfaces.length} interfaces`,
      ).toBeLessThan(view.interfaces.length);
    }
    await detach(ctx, attachment);
  },
);
