/**
 * P-ID-1 / P-ID-2: container IDs match ^[a-zA-Z0-9][a-zA-Z0-9_.-]*$ (spec 1.0.0, P-ID-*). Valid ones work on
 * ADD, CHECK and DEL; others are refused with code 4 ("invalid characters in containerID", the reference code).
 */
import { verbAllowed } from '../../../src/spec/versions.ts';
import { check } from '../../support/check.ts';
import { attachmentCall, attachOrFail } from '../lib/attach.ts';
import { expectErrorCode, expectSuccess } from '../lib/verdicts.ts';

const VALID = 'a_b.c-D9';
const INVALID = ['-abc', '_x', 'a/b', 'a b', 'ä', 'a:b'];

check(
  'P-ID-1',
  `a container ID like ${VALID} works on ADD, CHECK and DEL`,
  { versions: 'latest' },
  async (ctx) => {
    const attachment = await attachOrFail(ctx, { containerId: VALID });
    if (verbAllowed('CHECK', ctx.version))
      expectSuccess(await ctx.call('CHECK', attachmentCall(attachment)), 'CHECK');
    expectSuccess(await ctx.call('DEL', attachmentCall(attachment)), 'DEL');
  },
);

check(
  'P-ID-2',
  'container IDs outside the charset are refused with code 4',
  { versions: 'latest' },
  async (ctx) => {
    for (const containerId of INVALID) {
      expectErrorCode(
        await ctx.call('ADD', { containerId }),
        4,
        `ADD with container ID ${JSON.stringify(containerId)}`,
      );
    }
  },
);
