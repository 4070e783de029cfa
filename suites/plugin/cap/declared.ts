/** Which runtimeConfig capabilities the configuration declares (`capabilities: {name: true}`, notes R-REQ-3). */

import { targetPluginEntry } from '../../../src/target.ts';
import type { CheckContext } from '../../support/context.ts';

/** Skips the check unless the entry under test declares `capability`. */
export function requireCapability(ctx: CheckContext, capability: string): void {
  const declared = targetPluginEntry(ctx.target).capabilities as Record<string, unknown> | undefined;
  if (declared?.[capability] !== true) {
    ctx.skip('plugin-capability-missing', `the configuration does not declare capabilities.${capability}`);
  }
}
