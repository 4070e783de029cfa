/**
 * Before/after snapshots of the sandbox (its host namespace and, optionally, containers) with the inspector, and
 * the assertion every LEAK check ends with: no difference other than scaffolding (the bridge, shared chains,
 * forwarding sysctls, host-local's `lock` and `last_reserved_ip.*`). The failure lists every leftover object.
 */

import type { DiffEntry, Snapshot } from '../../../src/inspect/index.ts';
import {
  diffSnapshots,
  formatDiff,
  inspectNamespace,
  leaks,
  sandboxRunner,
} from '../../../src/inspect/index.ts';
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
export async function snapshotSandbox(
  ctx: CheckContext,
  containers: readonly string[] = [],
): Promise<SandboxState> {
  const host = await inspectNamespace(sandboxRunner(ctx.sandbox));
  const inside = new Map<string, Snapshot>();
  for (const name of containers) {
    inside.set(
      name,
      await inspectNamespace(sandboxRunner(ctx.sandbox, name), { processes: false, dataDirs: [] }),
    );
  }
  return { host, containers: inside };
}

/**
 * Bringing `lo` up makes the kernel give it 127.0.0.1/8, ::1 and their local routes, and they stay when it goes
 * down again: the container's own loopback state, gone with the namespace, never attachment state.
 */
function isLoopbackKernelState(entry: DiffEntry): boolean {
  return (entry.kind === 'address' || entry.kind === 'route') && /\b(on|dev) lo\b/.test(entry.id);
}

/** Leftovers between two states, each entry prefixed with where it is. */
export function leftovers(before: SandboxState, after: SandboxState): string[] {
  const describe = (where: string, entries: readonly DiffEntry[]) =>
    leaks(entries).map((entry) => `${where}: ${entry.change} ${entry.id}`);
  const lines = describe('host', diffSnapshots(before.host, after.host));
  for (const [name, snapshot] of before.containers) {
    const now = after.containers.get(name);
    if (now) {
      const entries = diffSnapshots(snapshot, now, { ignoreKinds: ['process'] });
      lines.push(
        ...describe(
          `container ${name}`,
          entries.filter((e) => !isLoopbackKernelState(e)),
        ),
      );
    }
  }
  return lines;
}

/** Fails with every leftover object (and the scaffolding for context) unless nothing but scaffolding changed. */
export function expectNoLeftovers(before: SandboxState, after: SandboxState, what: string): void {
  const lines = leftovers(before, after);
  if (lines.length === 0) return;
  const scaffolding = formatDiff(diffSnapshots(before.host, after.host).filter((e) => e.scaffolding));
  throw new Error(
    `${what}: ${lines.length} object(s) left behind (P-DEL-1):\n  ${lines.join('\n  ')}${scaffolding ? `\nscaffolding (allowed):\n${scaffolding}` : ''}`,
  );
}

/** How long a leftover may take to go by itself before it counts, and how often to look again. */
const SETTLE_MS = 2_000;
const SETTLE_STEP_MS = 100;

/**
 * Like {@link expectNoLeftovers} on a fresh snapshot, but the kernel tears a deleted namespace down
 * asynchronously (the host end of its veth goes a moment after `ip netns del`), so a leftover must still be
 * there after a short settle period to count. A real leak never goes away; it only costs the wait.
 */
export async function expectNoLeftoversAfterSettling(
  ctx: CheckContext,
  before: SandboxState,
  what: string,
  containers: readonly string[] = [],
): Promise<void> {
  const deadline = Date.now() + SETTLE_MS;
  let after = await snapshotSandbox(ctx, containers);
  while (leftovers(before, after).length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, SETTLE_STEP_MS));
    after = await snapshotSandbox(ctx, containers);
  }
  expectNoLeftovers(before, after, what);
}
