/**
 * P-RES-1 / P-RES-2: the ADD result validates against the committed JSON Schema of its version family (ajv,
 * src/spec/validate.ts): `cniVersion` present, addresses and route destinations in CIDR notation, gateways bare
 * IPs, `ips[].version` matching the family at 0.3.x/0.4.0 (P-RES-*, SPEC.md "ADD Success").
 */
import { expect } from 'vitest';
import { formatParseIssues } from '../../../src/errors.ts';
import { cidrFamilyOf } from '../../../src/spec/ip.ts';
import { validateIpamResult, validateResult } from '../../../src/spec/validate.ts';
import { check } from '../../support/check.ts';
import { attachOrFail, detach } from '../lib/attach.ts';
import { viewResult } from '../lib/result-view.ts';

check(
  ['P-RES-1', 'P-RES-2'],
  'the ADD result validates against its version’s JSON Schema',
  { versions: 'latest' },
  async (ctx) => {
    const attachment = await attachOrFail(ctx);
    const report =
      ctx.target.role === 'ipam'
        ? validateIpamResult(ctx.version, attachment.result)
        : validateResult(ctx.version, attachment.result);
    expect(report.issues, `${report.schema}: ${formatParseIssues(report.issues)}`).toEqual([]);
    await detach(ctx, attachment);
  },
);

check(
  'P-RES-2',
  'ips[].version matches the address family at 0.3.x/0.4.0',
  {
    versions: ['0.4.0', '0.3.1', '0.3.0'],
  },
  async (ctx) => {
    const attachment = await attachOrFail(ctx);
    const ips = (attachment.result as { ips?: { version?: unknown; address?: unknown }[] }).ips ?? [];
    for (const [index, ip] of ips.entries()) {
      expect(ip.version, `ips[${index}].version for ${String(ip.address)}`).toBe(
        cidrFamilyOf(String(ip.address)),
      );
    }
    expect(viewResult(attachment.result).ips.length, 'result has addresses to judge').toBe(ips.length);
    await detach(ctx, attachment);
  },
);
