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
export async function makeSlots(ctx: CheckContext, prefix: string, count: number): Promise<Slot[]> {
  const ids = Array.from({ length: count }, (_, i) => `${ctx.containerId}-${prefix}${i}`);
  if (ctx.target.role !== 'main') {
    return ids.map((containerId) => ({ containerId, ifname: ctx.ifname, netns: ctx.container.netnsPath }));
  }
  const containers = await Promise.all(ids.map((_, i) => ctx.sandbox.addContainer(`${prefix}${i}`)));
  return ids.map((containerId, i) => ({
    containerId,
    ifname: ctx.ifname,
    netns: containers[i]?.netnsPath ?? ctx.container.netnsPath,
  }));
}

/** Call options for one slot with the given request config. */
export function slotCall(slot: Slot, config: JsonObject, extra: CallOptions = {}): CallOptions {
  return { containerId: slot.containerId, ifname: slot.ifname, netns: slot.netns, config, ...extra };
}

/** Runs one verb for every slot at the same time. */
export function callAll(
  ctx: CheckContext,
  verb: 'ADD' | 'DEL',
  slots: readonly Slot[],
  config: JsonObject,
): Promise<Invocation[]> {
  return Promise.all(slots.map((slot) => ctx.call(verb, slotCall(slot, config))));
}
