/**
 * Many attachments at once, as a busy node's runtime makes them: distinct container IDs on one network, all calls
 * started together. For a main plugin every attachment gets its own container namespace; an IPAM plugin does not
 * open the netns, so its attachments share the check's container.
 */
import type { Invocation } from '../../../src/runtime/invoke.ts';
import type { JsonObject } from '../../../src/target.ts';
import type { CallOptions, CheckContext } from '../../support/context.ts';
/** One attachment's parameters. */
export interface Slot {
  readonly containerId: string;
  readonly ifname: string;
  readonly netns: string;
}
/** `count` slots with distinct container IDs (`<prefix>-<i>`); main plugins get a container each. */
export declare function makeSlots(ctx: CheckContext, prefix: string, count: number): Promise<Slot[]>;
/** Call options for one slot with the given request config. */
export declare function slotCall(slot: Slot, config: JsonObject, extra?: CallOptions): CallOptions;
/** Runs one verb for every slot at the same time. */
export declare function callAll(
  ctx: CheckContext,
  verb: 'ADD' | 'DEL',
  slots: readonly Slot[],
  config: JsonObject,
): Promise<Invocation[]>;
