/**
 * One attachment of the plugin under test as a value: where it is (container ID, ifname, netns), what ADD
 * returned and what the plugin got as prevResult. Built on suites/support/attachment.ts (which runs a meta
 * plugin's chain first), so DEL/CHECK calls on the same attachment are one `attachmentCall` away.
 */
import type { Invocation } from '../../../src/runtime/invoke.ts';
import type { JsonObject } from '../../../src/target.ts';
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
  readonly container?: {
    readonly name: string;
    readonly netnsPath: string;
  };
  /** The request config of the plugin under test. @defaultValue ctx.config() */
  readonly config?: JsonObject;
  readonly env?: CallOptions['env'];
}
/** ADDs one attachment (behind its chain for a meta plugin). Never throws for what the plugin under test does. */
export declare function attach(ctx: CheckContext, options?: AttachOptions): Promise<Attachment>;
/** A one-line account of an invocation with its exit status, for messages. */
export declare function describe(invocation: Invocation): string;
/** Like {@link attach}, but a failed ADD fails the check: the check cannot judge what it is about without one. */
export declare function attachOrFail(ctx: CheckContext, options?: AttachOptions): Promise<Attachment>;
/** Call options for DEL/CHECK on this attachment: same parameters, its config, the ADD result as prevResult. */
export declare function attachmentCall(
  attachment: Attachment,
  extra?: CallOptions & {
    readonly withPrevResult?: boolean;
  },
): CallOptions;
/** DEL of the plugin under test and then its chain in reverse, with the ADD result as prevResult. */
export declare function detach(
  ctx: CheckContext,
  attachment: Attachment,
  extra?: CallOptions,
): Promise<Invocation>;
