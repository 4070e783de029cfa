/** GC requests (notes §2.9, §4.8): the config plus the list of attachments that are still valid. */
import type { JsonObject } from '../../../src/target.ts';
import type { CheckContext } from '../../support/context.ts';
import type { Attachment } from '../lib/attach.ts';
/** The GC request config keeping `valid`, under both keys libcni ≥ 1.2.3 sends (notes §0.9). */
export declare function gcConfig(
  ctx: CheckContext,
  valid: readonly Attachment[],
  base?: JsonObject,
): JsonObject;
