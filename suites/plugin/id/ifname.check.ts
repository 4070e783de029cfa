/**
 * P-ID-3 (IMPL): interface names a kernel cannot take — empty, longer than 15 bytes, `.`/`..`, containing `/`,
 * `:` or whitespace — are refused with code 4 before anything is created (notes §2.16; libcni's rule). A 15-byte
 * name works.
 */
import { check } from '../../support/check.ts';
import { attach, attachmentCall } from '../lib/attach.ts';
import { expectErrorCode, expectSuccess } from '../lib/verdicts.ts';

const INVALID = ['abcdefghijklmnop', '.', '..', 'a/b', 'a:b', 'eth 0'];
/** IFNAMSIZ - 1 bytes: the longest name the kernel takes. */
const VALID_LONGEST = 'abcdefghijklmno';

check('P-ID-3', 'unusable interface names are refused with code 4', { versions: 'latest' }, async (ctx) => {
  for (const ifname of INVALID) {
    expectErrorCode(await ctx.call('ADD', { ifname }), 4, `ADD with CNI_IFNAME ${JSON.stringify(ifname)}`);
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
