/**
 * One attachment of the plugin under test as a value: where it is (container ID, ifname, netns), what ADD
 * returned and what the plugin got as prevResult. Built on suites/support/attachment.ts (which runs a meta
 * plugin's chain first), so DEL/CHECK calls on the same attachment are one `attachmentCall` away.
 */
import type { Invocation } from '../../../src/runtime/invoke.ts';
import type { JsonObject } from '../../../src/target.ts';
import { addAttachment, addChainPrefix, delAttachment, describeOutcome } from '../../support/attachment.ts';
import type { CallOptions, CheckContext } from '../../support/context.ts';

/** One attachment of the plugin under test. */
export interface Attachment {
  readonly containerId: string;
  readonly ifname: string;
  /** CNI_NETNS of the attachment. */
  readonly netns: string;
  /** Container namespace name, for `sandbox.command(…, { container })`. */
  readonly containerName: string;
  /** The request config the plugin under test got (without prevResult). */
  readonly config: JsonObject;
  /** What the plugin under test got as prevResult on ADD (meta role), else undefined. */
  readonly prevResult: unknown;
  /** The ADD of the plugin under test. */
  readonly add: Invocation;
  /** Its parsed output when the ADD succeeded. */
  readonly result: unknown;
}

/** Where to attach; defaults are the check's own container ID, ifname and container. */
export interface AttachOptions {
  readonly containerId?: string;
  readonly ifname?: string;
  readonly container?: { readonly name: string; readonly netnsPath: string };
  /** The request config of the plugin under test. @defaultValue ctx.config() */
  readonly config?: JsonObject;
  readonly env?: CallOptions['env'];
}

/** ADDs one attachment (behind its chain for a meta plugin). Never throws for what the plugin under test does. */
export async function attach(ctx: CheckContext, options: AttachOptions = {}): Promise<Attachment> {
  const container = options.container ?? ctx.container;
  const place = {
    containerId: options.containerId ?? ctx.containerId,
    ifname: options.ifname ?? ctx.ifname,
    netns: container.netnsPath,
    containerName: container.name,
  };
  const config = options.config ?? ctx.config();
  const base: CallOptions = {
    containerId: place.containerId,
    ifname: place.ifname,
    netns: place.netns,
    ...(options.env ? { env: options.env } : {}),
  };
  const prevResult = await addChainPrefix(ctx, base);
  const add = await addAttachment(ctx, { ...base, config, prevResult });
  return { ...place, config, prevResult, add, result: add.kind === 'ok' ? add.output : undefined };
}

/** A one-line account of an invocation with its exit status, for messages. */
export function describe(invocation: Invocation): string {
  const exit = invocation.outcome.exitCode ?? invocation.outcome.signal ?? 'none';
  return `${invocation.verb} exit ${exit}, ${describeOutcome(invocation)}`;
}

/** Like {@link attach}, but a failed ADD fails the check: the check cannot judge what it is about without one. */
export async function attachOrFail(ctx: CheckContext, options: AttachOptions = {}): Promise<Attachment> {
  const attachment = await attach(ctx, options);
  if (attachment.add.kind !== 'ok') {
    throw new Error(`ADD, a precondition of this check (P-ADD-1), failed: ${describe(attachment.add)}`);
  }
  return attachment;
}

/** Call options for DEL/CHECK on this attachment: same parameters, its config, the ADD result as prevResult. */
export function attachmentCall(
  attachment: Attachment,
  extra: CallOptions & { readonly withPrevResult?: boolean } = {},
): CallOptions {
  const { withPrevResult = true, ...rest } = extra;
  return {
    containerId: attachment.containerId,
    ifname: attachment.ifname,
    netns: attachment.netns,
    config: attachment.config,
    ...(withPrevResult && attachment.result !== undefined ? { prevResult: attachment.result } : {}),
    ...rest,
  };
}

/** DEL of the plugin under test and then its chain in reverse, with the ADD result as prevResult. */
export function detach(
  ctx: CheckContext,
  attachment: Attachment,
  extra: CallOptions = {},
): Promise<Invocation> {
  return delAttachment(ctx, attachmentCall(attachment, extra));
}
