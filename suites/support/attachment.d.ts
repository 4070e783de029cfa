import type { Invocation } from '../../src/runtime/invoke.ts';
import type { CallOptions, CheckContext } from './context.ts';
/** The path of plugin `type` in the target's CNI_PATH, first directory wins (libcni FindInPath). */
export declare function findPlugin(ctx: CheckContext, type: string): string;
declare function describeFailure(invocation: Invocation): string;
/** Runs the chain members before the plugin under test; returns the prevResult it gets (undefined for none). */
export declare function addChainPrefix(ctx: CheckContext, options?: CallOptions): Promise<unknown>;
/** ADD of the plugin under test (behind its chain for a meta plugin). */
export declare function addAttachment(ctx: CheckContext, options?: CallOptions): Promise<Invocation>;
/** DEL of the plugin under test, then of the chain members before it in reverse order, all with `prevResult`. */
export declare function delAttachment(ctx: CheckContext, options?: CallOptions): Promise<Invocation>;
/** The parsed result of an ok invocation; throws with the plugin's error otherwise (a failed expectation). */
export declare function expectOk(invocation: Invocation, what: string): unknown;
/** One-line description of an invocation's outcome, for assertion messages. */
export { describeFailure as describeOutcome };
