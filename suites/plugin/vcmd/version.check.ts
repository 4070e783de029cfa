/**
 * P-VCMD: the VERSION command (P-VCMD-*). VERSION needs no container, config or CNI_PATH: a runtime probes it
 * with nothing but CNI_COMMAND set.
 */
import { describe, expect } from 'vitest';
import { isCniVersion, verbAllowed } from '../../../src/spec/versions.ts';
import { addAttachment, delAttachment, expectOk } from '../../support/attachment.ts';
import { check } from '../../support/check.ts';

interface VersionReply {
  readonly cniVersion?: unknown;
  readonly supportedVersions?: unknown;
}

describe('VERSION', () => {
  check(
    'P-VCMD-1',
    'VERSION with only CNI_COMMAND set prints {cniVersion, supportedVersions} and exits 0',
    { verbs: ['VERSION'] },
    async (ctx) => {
      const invocation = await ctx.call('VERSION');
      expect(invocation.request.env).toEqual({ CNI_COMMAND: 'VERSION' });
      const reply = expectOk(invocation, 'VERSION') as VersionReply;
      expect(reply, 'VERSION stdout').toBeTypeOf('object');
      expect(reply.cniVersion, 'cniVersion').toBeTypeOf('string');
      expect(Array.isArray(reply.supportedVersions), 'supportedVersions is an array').toBe(true);
      expect((reply.supportedVersions as unknown[]).length, 'supportedVersions is not empty').toBeGreaterThan(
        0,
      );
      for (const version of reply.supportedVersions as unknown[]) expect(version).toBeTypeOf('string');
    },
  );

  check(
    'P-VCMD-2',
    'VERSION output echoes the cniVersion it was given',
    {
      verbs: ['VERSION'],
      // Go's skel prints its library's version constant whatever the input says (P-VCMD-*).
      compatLevel: 'IMPL',
    },
    async (ctx) => {
      const reply = expectOk(await ctx.call('VERSION'), 'VERSION') as VersionReply;
      expect(reply.cniVersion, `VERSION reply cniVersion for input ${ctx.version}`).toBe(ctx.version);
    },
  );

  check(
    'P-VCMD-3',
    'every advertised version works for ADD, CHECK (0.4.0+) and DEL',
    { verbs: ['ADD', 'DEL'], roles: ['main', 'meta'] },
    async (ctx) => {
      const added = expectOk(await addAttachment(ctx), `ADD at advertised version ${ctx.version}`);
      if (verbAllowed('CHECK', ctx.version)) {
        expectOk(
          await ctx.call('CHECK', { prevResult: added }),
          `CHECK at advertised version ${ctx.version}`,
        );
      }
      expectOk(await delAttachment(ctx, { prevResult: added }), `DEL at advertised version ${ctx.version}`);
    },
  );

  check(
    'P-VCMD-3',
    'every advertised version is a released CNI version',
    { versions: 'none' },
    async (ctx) => {
      const unknown = ctx.target.advertisedVersions.filter((version) => !isCniVersion(version));
      expect(unknown, 'advertised versions that no CNI spec release has').toEqual([]);
    },
  );
});
