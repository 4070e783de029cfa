/**
 * Gives the sandbox what the configuration assumes of a real host: a `master` link for macvlan-like plugins, and a
 * probe for kernel link types (vrf) so a missing feature is a skip with a reason, not a false failure.
 */
import type { CheckContext } from './context.ts';
/** Runs before each check body. */
export declare function prepareSandbox(ctx: CheckContext): Promise<void>;
