/**
 * Before/after snapshots of the sandbox (its host namespace and, optionally, containers) with the inspector, and
 * the assertion every LEAK check ends with. With a baseline attachment of the same network alive in a container of
 * its own (the shared scaffolding already in place), the verdict is by difference: every object that differs
 * between before and after is a leftover, whatever the plugin calls it (src/inspect/ownership.ts). Without one
 * (its ADD failed), the name table of src/inspect/scaffolding.ts tells scaffolding from leaks. A snapshot the
 * inspector could not take completely is a harness error, never "nothing changed".
 */

import { HarnessError } from '../../../src/errors.ts';
import type { AttachmentOwnership, DiffEntry, Leftover, Snapshot } from '../../../src/inspect/index.ts';
import {
  DEFAULT_DATA_DIRS,
  describeLeftover,
  diffSnapshots,
  formatDiff,
  inspectNamespace,
  leaks,
  leftoversByDifference,
  sandboxRunner,
} from '../../../src/inspect/index.ts';
import { parseLinks } from '../../../src/inspect/network-views.ts';
import type { JsonObject } from '../../../src/target.ts';
import { type Attachment, attach, detach } from '../../plugin/lib/attach.ts';
import type { CheckContext } from '../../support/context.ts';
import { addressIp, resultAddresses } from './ipam-shape.ts';

/** Snapshots of the host namespace and of each named container. */
export interface SandboxState {
  readonly host: Snapshot;
  readonly containers: ReadonlyMap<string, Snapshot>;
  /** Set when a baseline attachment was alive at this snapshot: the verdict is by difference. */
  readonly baseline?: Attachment;
}

/** The directories and command the host snapshot covers: the defaults plus what the author named. */
export function hostInspectOptions(ctx: CheckContext): { dataDirs: string[]; stateCommand?: string } {
  const observation = ctx.target.observation;
  const dataDirs = [
    ...DEFAULT_DATA_DIRS,
    ...(observation?.watchDirs ?? []),
    ...(observation?.stateDirs ?? []),
  ];
  const stateCommand = observation?.stateCommand;
  return { dataDirs: [...new Set(dataDirs)], ...(stateCommand ? { stateCommand } : {}) };
}

function complete(snapshot: Snapshot, where: string): Snapshot {
  if (snapshot.problems.length === 0) return snapshot;
  throw new HarnessError(
    'CNI_CONFORMANCE_INSPECT_FAILED',
    `the inspector could not read the ${where}: ${snapshot.problems.join('; ')}`,
    { fix: 'the view named is missing or failing in the sandbox (a --state-command must exit 0)' },
  );
}

/**
 * Takes the snapshots, one inspector spawn each, one after the other: a concurrent inspector's processes would
 * show up in the host snapshot's process list.
 */
export async function snapshotSandbox(
  ctx: CheckContext,
  containers: readonly string[] = [],
  baseline?: Attachment,
): Promise<SandboxState> {
  const host = complete(
    await inspectNamespace(sandboxRunner(ctx.sandbox), hostInspectOptions(ctx)),
    'sandbox',
  );
  const inside = new Map<string, Snapshot>();
  for (const name of containers) {
    const runner = sandboxRunner(ctx.sandbox, name);
    inside.set(name, complete(await inspectNamespace(runner, { processes: false, dataDirs: [] }), name));
  }
  return { host, containers: inside, ...(baseline ? { baseline } : {}) };
}

/** What identifies an attachment in names: its container ID and the addresses its ADD handed out. */
export function identityOf(attachment: Pick<Attachment, 'containerId' | 'result'>): {
  createdBy: string;
  tokens: string[];
} {
  const ips = resultAddresses(attachment.result).flatMap((cidr) => addressIp(cidr) ?? []);
  return { createdBy: `ADD of ${attachment.containerId}`, tokens: [attachment.containerId, ...ips] };
}

/**
 * ADDs a baseline attachment of the same network in a container of its own, so that what the calls under test add
 * is theirs alone. Undefined when its ADD fails (a plugin that takes one attachment only): the verdict then falls
 * back to the name table.
 */
export async function addBaseline(ctx: CheckContext, config?: JsonObject): Promise<Attachment | undefined> {
  const container = await ctx.sandbox.addContainer('baseline');
  const hostLinks = await hostLinkNames(ctx);
  const baseline = await attach(ctx, {
    container,
    containerId: `${ctx.containerId}-base`,
    ...(config ? { config } : {}),
  });
  // A plugin that moves a host device into the container (host-device) has one device per attachment: keeping
  // the baseline would leave none for the attachment under test, so it goes and the name table judges.
  const kept = baseline.add.kind === 'ok' && !(await tookHostLink(ctx, hostLinks));
  if (kept) return baseline;
  await detach(ctx, baseline);
  // Its namespace goes too: a check that snapshots before the baseline would see it as a leftover.
  await ctx.sandbox.removeContainer(container.name);
  return undefined;
}

/** Names of the sandbox host's links (the inspector's parser); a failing `ip` is a harness error, never "no links". */
async function hostLinkNames(ctx: CheckContext): Promise<Set<string>> {
  const listed = await ctx.sandbox.command(['ip', '-json', '-details', 'link', 'show']);
  const links = listed.exitCode === 0 ? parseLinks(listed.stdout) : undefined;
  if (!links?.ok)
    throw new Error(`ip -json link show failed: ${listed.stderr.trim() || 'unreadable output'}`);
  return new Set(links.value.map((link) => link.name));
}

async function tookHostLink(ctx: CheckContext, before: ReadonlySet<string>): Promise<boolean> {
  const after = await hostLinkNames(ctx);
  return [...before].some((name) => !after.has(name));
}

/** {@link addBaseline}, then the "before" snapshot. */
export async function snapshotWithBaseline(
  ctx: CheckContext,
  containers: readonly string[] = [],
  config?: JsonObject,
): Promise<SandboxState> {
  const baseline = await addBaseline(ctx, config);
  return snapshotSandbox(ctx, containers, baseline);
}

/**
 * Bringing `lo` up makes the kernel give it 127.0.0.1/8, ::1 and their local routes, and they stay when it goes
 * down again: the container's own loopback state, gone with the namespace, never attachment state.
 */
function isLoopbackKernelState(entry: DiffEntry): boolean {
  return (entry.kind === 'address' || entry.kind === 'route') && /\b(on|dev) lo\b/.test(entry.id);
}

function hostLeftovers(
  before: SandboxState,
  after: SandboxState,
  owners: readonly AttachmentOwnership[],
): Leftover[] {
  if (before.baseline) return leftoversByDifference(before.host, after.host, owners);
  return leaks(diffSnapshots(before.host, after.host)).map((entry) => ({ entry, createdBy: undefined }));
}

/** Leftovers between two states, each line saying what, where, and which ADD created it. */
export function leftovers(
  before: SandboxState,
  after: SandboxState,
  owners: readonly AttachmentOwnership[] = [],
): string[] {
  const lines = hostLeftovers(before, after, owners).map((leftover) => describeLeftover(leftover, 'host'));
  for (const [name, snapshot] of before.containers) {
    const now = after.containers.get(name);
    if (!now) continue;
    // Processes and netns files are sandbox-wide: the host snapshot judges them.
    const entries = diffSnapshots(snapshot, now, { ignoreKinds: ['process', 'netns'] }).filter(
      (entry) => !isLoopbackKernelState(entry) && (before.baseline !== undefined || !entry.scaffolding),
    );
    lines.push(
      ...entries.map((entry) => describeLeftover({ entry, createdBy: undefined }, `container ${name}`)),
    );
  }
  return lines;
}

/** Fails with every leftover object unless nothing (but scaffolding, in the name-table fallback) changed. */
export function expectNoLeftovers(
  before: SandboxState,
  after: SandboxState,
  what: string,
  owners: readonly AttachmentOwnership[] = [],
): void {
  const lines = leftovers(before, after, owners);
  if (lines.length === 0) return;
  const judged = before.baseline
    ? `judged by difference: a baseline attachment (${before.baseline.containerId}) was alive throughout`
    : 'judged by the scaffolding name table: no second attachment could be added';
  const scaffolding = before.baseline
    ? ''
    : formatDiff(diffSnapshots(before.host, after.host).filter((e) => e.scaffolding));
  throw new Error(
    `${what}: ${lines.length} object(s) left behind (P-DEL-1; ${judged}):\n  ${lines.join('\n  ')}${scaffolding ? `\nscaffolding (allowed):\n${scaffolding}` : ''}`,
  );
}

/** How long a leftover may take to go by itself before it counts, and how often to look again. */
const SETTLE_MS = 2_000;
const SETTLE_STEP_MS = 100;

/**
 * The state once the leftovers stopped going: the kernel tears a deleted namespace down asynchronously (the host
 * end of its veth goes a moment after `ip netns del`), so a leftover must still be there after a short settle
 * period to count. A real leak never goes away; it only costs the wait.
 */
export async function settledState(
  ctx: CheckContext,
  before: SandboxState,
  containers: readonly string[] = [],
  owners: readonly AttachmentOwnership[] = [],
): Promise<SandboxState> {
  const deadline = Date.now() + SETTLE_MS;
  let after = await snapshotSandbox(ctx, containers);
  while (leftovers(before, after, owners).length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, SETTLE_STEP_MS));
    after = await snapshotSandbox(ctx, containers);
  }
  return after;
}

/** {@link expectNoLeftovers} on the settled state. */
export async function expectNoLeftoversAfterSettling(
  ctx: CheckContext,
  before: SandboxState,
  what: string,
  containers: readonly string[] = [],
  owners: readonly AttachmentOwnership[] = [],
): Promise<void> {
  expectNoLeftovers(before, await settledState(ctx, before, containers, owners), what, owners);
}
