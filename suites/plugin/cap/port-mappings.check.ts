/**
 * P-CAP-1: `runtimeConfig.portMappings` (CONVENTIONS.md) installs a DNAT for the host port to the container
 * address, and DEL removes it (P-CAP-*, P-DEL-1). Read from the sandbox host's iptables and nft rulesets.
 */
import { expect } from 'vitest';
import { check } from '../../support/check.ts';
import type { CheckContext } from '../../support/context.ts';
import { attachOrFail, detach } from '../lib/attach.ts';
import { requireCapability } from './declared.ts';

const HOST_PORT = 18_080;

async function natRules(ctx: CheckContext): Promise<string> {
  const iptables = await ctx.sandbox.command(['iptables-save', '-t', 'nat']);
  const nft = await ctx.sandbox.command(['nft', 'list', 'ruleset']);
  return `${iptables.stdout}\n${nft.stdout}`;
}

check(
  ['P-CAP-1', 'P-DEL-1'],
  'runtimeConfig.portMappings installs a DNAT for the host port, and DEL removes it',
  { versions: 'latest', roles: ['meta', 'main'] },
  async (ctx) => {
    requireCapability(ctx, 'portMappings');
    const portMappings = [{ hostPort: HOST_PORT, containerPort: 80, protocol: 'tcp' }];
    const attachment = await attachOrFail(ctx, { config: ctx.config({ runtimeConfig: { portMappings } }) });
    expect(await natRules(ctx), `a nat rule for host port ${HOST_PORT}`).toMatch(
      new RegExp(`dport ${HOST_PORT}\\b`),
    );
    await detach(ctx, attachment);
    expect(await natRules(ctx), `nat rules for host port ${HOST_PORT} after DEL`).not.toMatch(
      new RegExp(`dport ${HOST_PORT}\\b`),
    );
  },
);
