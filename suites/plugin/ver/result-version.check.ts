/**
 * P-VER-1: the ADD result's `cniVersion` equals the request's and the body has that version's shape: `ip4`/`ip6`
 * at 0.1.0/0.2.0, `ips[].version` at 0.3.x/0.4.0, neither at 1.x (P-VER-*, SPEC.md "ADD Success"). Run at every advertised
 * version: a plugin that prints its newest format under an old version breaks every runtime speaking the old one.
 */
import { expect } from 'vitest';
import { formatParseIssues } from '../../../src/errors.ts';
import { validateIpamResult, validateResult } from '../../../src/spec/validate.ts';
import { check } from '../../support/check.ts';
import type { CheckContext } from '../../support/context.ts';
import { attachOrFail, detach } from '../lib/attach.ts';

const PRE_1_0 = ['0.1.0', '0.2.0', '0.3.0', '0.3.1', '0.4.0'] as const;
const FROM_1_0 = ['1.0.0', '1.1.0'] as const;

async function expectVersionedResult(ctx: CheckContext): Promise<void> {
  const attachment = await attachOrFail(ctx);
  const report =
    ctx.target.role === 'ipam'
      ? validateIpamResult(ctx.version, attachment.result)
      : validateResult(ctx.version, attachment.result);
  expect(
    report.issues,
    `result at ${ctx.version} against ${report.schema}: ${formatParseIssues(report.issues)}`,
  ).toEqual([]);
  await detach(ctx, attachment);
}

// Split at 1.0.0 so the pinned loopback deviation (0.x only) cannot mask a 1.x regression.
check(
  'P-VER-1',
  'the ADD result carries the request cniVersion and that version’s result format (0.x)',
  {
    versions: [...PRE_1_0],
  },
  expectVersionedResult,
);

check(
  'P-VER-1',
  'the ADD result carries the request cniVersion and that version’s result format (1.x)',
  { versions: [...FROM_1_0] },
  expectVersionedResult,
);
