/**
 * Interface names a kernel cannot take — longer than 15 bytes, `.`/`..`, containing `/`, `:` or whitespace: a
 * plugin that cannot use CNI_IFNAME must fail (P-ENV-4, MUST), so truncating or sanitising it and succeeding is a
 * MUST failure; refusing with code 4 before anything is created is libcni's rule (P-ID-3, IMPL, P-ID-*). A
 * 15-byte name works.
 */
import { check } from '../../support/check.ts';
import { attach, attachmentCall } from '../lib/attach.ts';
import { expectErrorCode, expectFailure, expectSuccess } from '../lib/verdicts.ts';

const INVALID = ['abcdefghijklmnop', '.', '..', 'a/b', 'a:b', 'eth 0'];
/** IFNAMSIZ - 1 bytes: the longest name the kernel takes. */
const VALID_LONGEST = 'abcdefghijklmno';

check(
  ['P-ENV-4', 'P-ID-3'],
  'an interface name the kernel cannot take fails ADD (never truncated or sanitised)',
  { versions: 'latest' },
  async (ctx) => {
    for (const ifname of INVALID) {
      expectFailure(await ctx.call('ADD', { ifname }), `ADD with CNI_IFNAME ${JSON.stringify(ifname)}`);
    }
  },
);

check('P-ID-3', 'unusable interface names are refused with code 4', { versions: 'latest' }, async (ctx) => {
  for (const ifname of INVALID) {
    const add = await ctx.call('ADD', { ifname });
    // A success is the P-ENV-4 check's failure; here only how a refusal is reported is judged.
    if (add.kind !== 'ok') expectErrorCode(add, 4, `ADD with CNI_IFNAME ${JSON.stringify(ifname)}`);
  }
});

check(
  'P-ID-3',
  'a 15-byte interface name works',
  { versions: 'latest', roles: ['main', 'ipam'] },
  async (ctx) => {
    const attachment = await attach(ctx, { ifname: VALID_LONGEST });
    expectSuccess(attachment.add, `ADD with the 15-byte CNI_IFNAME ${JSON.stringify(VALID_LONGEST)}`);
    expectSuccess(await ctx.call('DEL', attachmentCall(attachment)), 'DEL');
  },
);
