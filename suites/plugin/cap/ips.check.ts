/**
 * P-CAP-1: `runtimeConfig.ips` (CONVENTIONS.md) asks for a specific address; the result holds it (P-CAP-*).
 * The address is taken from the plugin's own first allocation, moved up a few hosts, so it lies in its range.
 */
import ipaddr from 'ipaddr.js';
import { expect } from 'vitest';
import { check } from '../../support/check.ts';
import { attachOrFail, detach } from '../lib/attach.ts';
import { viewResult } from '../lib/result-view.ts';
import { requireCapability } from './declared.ts';

/** "10.22.0.2/24" → "10.22.0.9" (stays inside a /24 or wider for any first lease below .240). */
function nearbyAddress(cidr: string, step: number): string | undefined {
  const [ip] = ipaddr.parseCIDR(cidr);
  const bytes = ip.toByteArray();
  const last = bytes.length - 1;
  if ((bytes[last] ?? 255) + step > 254) return undefined;
  bytes[last] = (bytes[last] ?? 0) + step;
  return ipaddr.fromByteArray(bytes).toString();
}

check(
  'P-CAP-1',
  'runtimeConfig.ips gives the attachment the requested address',
  { versions: 'latest', roles: ['main', 'ipam'] },
  async (ctx) => {
    requireCapability(ctx, 'ips');
    const probe = await attachOrFail(ctx, { containerId: `${ctx.containerId}-probe` });
    const first = viewResult(probe.result).ips[0];
    await detach(ctx, probe);
    if (!first) return ctx.skip('plugin-capability-missing', 'ADD gives no address to start from');
    const wanted = nearbyAddress(first.address, 7);
    if (!wanted) return ctx.skip('plugin-capability-missing', `no spare address near ${first.address}`);
    const attachment = await attachOrFail(ctx, { config: ctx.config({ runtimeConfig: { ips: [wanted] } }) });
    const addresses = viewResult(attachment.result).ips.map((ip) => ip.address.split('/')[0]);
    expect(addresses, `result addresses after asking for ${wanted}`).toContain(wanted);
    await detach(ctx, attachment);
  },
);
