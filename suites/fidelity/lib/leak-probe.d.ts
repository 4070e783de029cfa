/**
 * Before/after snapshots of the sandbox (its host namespace and, optionally, containers) with the inspector, and
 * the assertion every LEAK check ends with: no difference other than scaffolding (the bridge, shared chains,
 * forwarding sysctls, host-local's `lock` and `last_reserved_ip.*`). The failure lists every leftover object.
 */
import type { Snapshot } from '../../../src/inspect/index.ts';
import type { CheckContext } from '../../support/context.ts';
/** Snapshots of the host namespace and of each named container. */
export interface SandboxState {
  readonly host: Snapshot;
  readonly containers: ReadonlyMap<string, Snapshot>;
}
/**
 * Takes the snapshots, one inspector spawn each, one after the other: a concurrent inspector's processes would
 * show up in the host snapshot's process list.
 */
export declare function snapshotSandbox(
  ctx: CheckContext,
  containers?: readonly string[],
): Promise<SandboxState>;
/** Leftovers between two states, each entry prefixed with where it is. */
export declare function leftovers(before: SandboxState, after: SandboxState): string[];
/** Fails with every leftover object (and the scaffolding for context) unless nothing but scaffolding changed. */
export declare function expectNoLeftovers(before: SandboxState, after: SandboxState, what: string): void;
/**
 * Like {@link expectNoLeftovers} on a fresh snapshot, but the kernel tears a deleted namespace down
 * asynchronously (the host end of its veth goes a moment after `ip netns del`), so a leftover must still be
 * there after a short settle period to count. A real leak never goes away; it only costs the wait.
 */
export declare function expectNoLeftoversAfterSettling(
  ctx: CheckContext,
  before: SandboxState,
  what: string,
  containers?: readonly string[],
): Promise<void>;
