/**
 * P-ADD-7: the result mirrors the kernel: each address is configured on the interface it names, each route
 * exists in the container, each MAC matches its link (P-ADD-*; containernetworking/plugins#703: a wrong host
 * MAC in the result broke CHECK). Read right after ADD, before anything else can change the links.
 */
import { expect } from 'vitest';
import { check } from '../../support/check.ts';
import type { CheckContext } from '../../support/context.ts';
import { attachOrFail, detach } from '../lib/attach.ts';
import { inspectLinks, inspectRoutes, inspectRuleTables, type KernelLink } from '../lib/kernel.ts';
import { type ResultView, viewResult } from '../lib/result-view.ts';

interface Links {
  readonly container: readonly KernelLink[];
  readonly host: readonly KernelLink[];
}

async function readLinks(ctx: CheckContext): Promise<Links> {
  return {
    container: await inspectLinks(ctx.sandbox, ctx.container.name),
    host: await inspectLinks(ctx.sandbox),
  };
}

function linkOf(links: Links, view: ResultView, index: number): KernelLink | undefined {
  const entry = view.interfaces[index];
  if (!entry) return undefined;
  return (entry.sandbox ? links.container : links.host).find((link) => link.name === entry.name);
}

check(
  'P-ADD-7',
  'each result address is configured on the interface it names',
  { versions: 'latest', roles: ['main', 'meta'] },
  async (ctx) => {
    const attachment = await attachOrFail(ctx);
    const view = viewResult(attachment.result);
    const links = await readLinks(ctx);
    for (const ip of view.ips) {
      const link = ip.interface === undefined ? undefined : linkOf(links, view, ip.interface);
      const where = link ? [link] : links.container;
      const found = where.some((candidate) => candidate.addresses.includes(ip.address));
      expect(found, `${ip.address} configured on ${link?.name ?? 'any container interface'}`).toBe(true);
    }
    await detach(ctx, attachment);
  },
);

check(
  'P-ADD-7',
  'each result route exists in the container',
  { versions: 'latest', roles: ['main', 'meta'] },
  async (ctx) => {
    const attachment = await attachOrFail(ctx);
    const view = viewResult(attachment.result);
    // A route counts in any table a policy rule looks up (sbr moves them from main to table 100 plus a rule).
    const tables = await inspectRuleTables(ctx.sandbox, ctx.container.name);
    const routes = (await inspectRoutes(ctx.sandbox, ctx.container.name)).filter((r) => tables.has(r.table));
    for (const route of view.routes) {
      const match = routes.find(
        (r) => r.dst === route.dst && (route.gw === undefined || r.gateway === route.gw),
      );
      const shown = routes
        .map((r) => `${r.dst}${r.gateway ? ` via ${r.gateway}` : ''} table ${r.table}`)
        .join(', ');
      expect(
        match,
        `route ${route.dst}${route.gw ? ` via ${route.gw}` : ''} in the container (has: ${shown})`,
      ).toBeDefined();
    }
    await detach(ctx, attachment);
  },
);

check(
  'P-ADD-7',
  'each result MAC matches the MAC of its link',
  { versions: 'latest', roles: ['main', 'meta'] },
  async (ctx) => {
    const attachment = await attachOrFail(ctx);
    const view = viewResult(attachment.result);
    const links = await readLinks(ctx);
    for (const [index, entry] of view.interfaces.entries()) {
      if (!entry.mac) continue;
      const link = linkOf(links, view, index);
      expect(
        link,
        `interfaces[${index}] ${entry.name} exists ${entry.sandbox ? 'in the container' : 'on the host'}`,
      ).toBeDefined();
      expect(link?.mac, `MAC of ${entry.name}`).toBe(entry.mac);
    }
    await detach(ctx, attachment);
  },
);
