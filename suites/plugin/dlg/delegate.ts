/** Shared set-up of the delegation checks: a recording IPAM delegate first on CNI_PATH. */
import type { CheckContext } from '../../support/context.ts';
import { installSpy, ipamTypeOf, type Spy } from '../lib/spy.ts';

/** Installs the spy for the config's `ipam.type`, or skips the check when the plugin delegates nothing. */
export async function spyOnIpam(ctx: CheckContext): Promise<Spy> {
  const type = ipamTypeOf(ctx.config());
  if (type === undefined)
    return ctx.skip('plugin-capability-missing', 'the configuration names no ipam.type');
  return installSpy(ctx, type);
}

/** Env overrides that put the spy first on CNI_PATH. */
export function spyEnv(spy: Spy): Record<string, string> {
  return { CNI_PATH: spy.cniPath };
}
