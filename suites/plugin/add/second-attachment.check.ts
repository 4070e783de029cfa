/**
 * P-ADD-8: the same container ID with another CNI_IFNAME is a distinct attachment: both ADDs succeed, get their
 * own addresses, and each DEL removes only its own (P-ADD-*).
 */
import { expect } from 'vitest';
import { addressIp, configuredAddresses } from '../../fidelity/lib/ipam-shape.ts';
import { check } from '../../support/check.ts';
import type { CheckContext } from '../../support/context.ts';
import { type Attachment, attach, attachOrFail, describe as describeCall, detach } from '../lib/attach.ts';
import { hostLinksMovedSince, inspectLinks } from '../lib/kernel.ts';
import { viewResult } from '../lib/result-view.ts';
import { expectSuccess } from '../lib/verdicts.ts';

const SECOND_IFNAME = 'net1';

/** IPAM plugins, and plugins whose result lists the CNI_IFNAME interface they made, allocate per attachment. */
function allocatesPerAttachment(ctx: CheckContext, attachment: Attachment): boolean {
  if (ctx.target.role === 'ipam') return true;
  return viewResult(attachment.result).interfaces.some((i) => i.name === attachment.ifname && i.sandbox);
}

check(
  'P-ADD-8',
  'a second attachment of the same container on another ifname works and is deleted independently',
  {
    versions: 'latest',
  },
  async (ctx) => {
    const hostBefore = await inspectLinks(ctx.sandbox);
    const first = await attachOrFail(ctx);
    const moved = await hostLinksMovedSince(ctx.sandbox, hostBefore);
    const second = await attach(ctx, { ifname: SECOND_IFNAME }).catch((error: unknown) => {
      // A meta plugin's chain (e.g. ptp) that cannot attach twice is not the meta plugin's fault.
      if (ctx.target.role !== 'meta') throw error;
      return ctx.skip(
        'role-mismatch',
        `the chain before the plugin cannot attach ${SECOND_IFNAME}: ${String(error)}`,
      );
    });
    if (second.add.kind !== 'ok' && moved.length > 0) {
      return ctx.skip(
        'plugin-capability-missing',
        `ADD moved host link ${moved.join(', ')} into the container: a second attachment needs a config with another device`,
      );
    }
    expect(second.add.kind, `ADD on ${SECOND_IFNAME}: ${describeCall(second.add)}`).toBe('ok');
    // Addresses must differ only where the plugin allocates per attachment (not loopback's fixed 127.0.0.1).
    if (allocatesPerAttachment(ctx, second)) {
      const firstIps = viewResult(first.result).ips.map((ip) => ip.address);
      // An address the config names (static IPAM) is the configured one on purpose, not a double allocation.
      const configured = configuredAddresses(second.config);
      const allocated = viewResult(second.result).ips.filter(
        ({ address }) => !configured.has(addressIp(address) ?? address),
      );
      for (const { address } of allocated) {
        expect(firstIps, `address ${address} given to both attachments`).not.toContain(address);
      }
    }
    expectSuccess(await detach(ctx, first), `DEL of ${first.ifname}`);
    if (ctx.target.role !== 'ipam' && first.ifname !== second.ifname) {
      const check = await ctx.sandbox.command(['ip', 'link', 'show', SECOND_IFNAME], {
        container: ctx.container.name,
      });
      const created = viewResult(second.result).interfaces.some((i) => i.name === SECOND_IFNAME);
      if (created) expect(check.exitCode, `${SECOND_IFNAME} survives the DEL of ${first.ifname}`).toBe(0);
    }
    expectSuccess(await detach(ctx, second), `DEL of ${SECOND_IFNAME}`);
  },
);
