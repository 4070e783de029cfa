/**
 * P-RES-5: a delegated IPAM plugin returns the abbreviated result: no `interfaces`, no `ips[].interface`
 * (P-RES-*, SPEC.md "Delegated plugins (IPAM)") — the calling plugin owns the interfaces.
 */
import { expect } from 'vitest';
import { check } from '../../support/check.ts';
import { attachOrFail, detach } from '../lib/attach.ts';

check(
  'P-RES-5',
  'an IPAM result has no interfaces and no ips[].interface',
  { versions: 'latest', roles: ['ipam'] },
  async (ctx) => {
    const attachment = await attachOrFail(ctx);
    const result = attachment.result as { interfaces?: unknown; ips?: Record<string, unknown>[] };
    expect(result.interfaces, 'interfaces in an IPAM result').toBeUndefined();
    for (const [index, ip] of (result.ips ?? []).entries()) {
      expect(ip.interface, `ips[${index}].interface in an IPAM result`).toBeUndefined();
    }
    await detach(ctx, attachment);
  },
);
