/**
 * P-VER-3 (IMPL): a configuration without `cniVersion` is read as 0.1.0 (libcni and skel), so the result comes in
 * the 0.1.0/0.2.0 format (`ip4`/`ip6`, P-VER-*).
 */
import { expect } from 'vitest';
import { check } from '../../support/check.ts';
import { attachOrFail, detach } from '../lib/attach.ts';

check(
  'P-VER-3',
  'a configuration without cniVersion is treated as 0.1.0 and answered in the ip4/ip6 format',
  {
    versions: ['0.1.0'],
    roles: ['main', 'ipam'],
  },
  async (ctx) => {
    const attachment = await attachOrFail(ctx, { config: ctx.config({ cniVersion: undefined }) });
    const result = attachment.result as Record<string, unknown>;
    expect('ip4' in result || 'ip6' in result, `result has ip4/ip6: ${JSON.stringify(result)}`).toBe(true);
    expect(result.interfaces, 'no interfaces in a 0.1.0 result').toBeUndefined();
    await detach(ctx, attachment);
  },
);
