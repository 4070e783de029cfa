/** GC requests (P-GC-*, SPEC.md "GC"): the config plus the list of attachments that are still valid. */

import type { JsonObject } from '../../../src/target.ts';
import type { CheckContext } from '../../support/context.ts';
import type { Attachment } from '../lib/attach.ts';

/** The GC request config keeping `valid`, under both keys libcni ≥ 1.2.3 sends (P-GC-1, R-GC-2). */
export function gcConfig(ctx: CheckContext, valid: readonly Attachment[], base?: JsonObject): JsonObject {
  const list = valid.map((a) => ({ containerID: a.containerId, ifname: a.ifname }));
  return { ...(base ?? ctx.config()), 'cni.dev/valid-attachments': list, 'cni.dev/attachments': list };
}
