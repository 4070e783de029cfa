/** Shared set-up of the delegation checks: a recording IPAM delegate first on CNI_PATH. */
import type { CheckContext } from '../../support/context.ts';
import { type Spy } from '../lib/spy.ts';
/** Installs the spy for the config's `ipam.type`, or skips the check when the plugin delegates nothing. */
export declare function spyOnIpam(ctx: CheckContext): Promise<Spy>;
/** Env overrides that put the spy first on CNI_PATH. */
export declare function spyEnv(spy: Spy): Record<string, string>;
