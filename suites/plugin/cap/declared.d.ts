/** Which runtimeConfig capabilities the configuration declares (`capabilities: {name: true}`, notes R-REQ-3). */
import type { CheckContext } from '../../support/context.ts';
/** Skips the check unless the entry under test declares `capability`. */
export declare function requireCapability(ctx: CheckContext, capability: string): void;
