/**
 * P-RES-3: 0.1.0/0.2.0 results use `ip4`/`ip6` objects whose `ip` is a CIDR, and no `interfaces` (P-RES-*).
 */
import { expect } from 'vitest';
import { check } from '../../support/check.ts';
import { attachOrFail, detach } from '../lib/attach.ts';

check(
  'P-RES-3',
  'a 0.1.0/0.2.0 result has ip4/ip6 and no interfaces',
  {
    versions: ['0.2.0', '0.1.0'],
  },
  async (ctx) => {
    const attachment = await attachOrFail(ctx);
    const result = attachment.result as Record<string, unknown>;
    expect(result.interfaces, 'interfaces in a legacy result').toBeUndefined();
    expect(result.ips, 'ips in a legacy result').toBeUndefined();
    expect('ip4' in result || 'ip6' in result, `ip4 or ip6 present: ${JSON.stringify(result)}`).toBe(true);
    await detach(ctx, attachment);
  },
);
