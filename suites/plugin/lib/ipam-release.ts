/**
 * IPAM release without knowing the IPAM. The state an ADD's IPAM adds is found by difference, as the LEAK suite
 * finds attachment state (src/inspect/ownership.ts): with a baseline attachment of the same network alive, the
 * files (under /run, /var/lib/cni, /etc/cni and every --state-dir/--watch-dir) and --state-command lines the ADD
 * added are that attachment's reservation, and DEL must take them away. When an ADD adds no such state, release
 * cannot be observed: the check skips and says which option would make it observable. host-local's lease files
 * (ipam-store.ts) are one more, sharper signal, never the only one.
 */
import type { AttachmentOwnership, LeftoverKind, Snapshot } from '../../../src/inspect/index.ts';
import { ownedByAdd } from '../../../src/inspect/index.ts';
import type { JsonObject } from '../../../src/target.ts';
import { addBaseline, identityOf, snapshotSandbox } from '../../fidelity/lib/leak-probe.ts';
import type { CheckContext } from '../../support/context.ts';
import type { Attachment } from './attach.ts';
import { hostLocalLeaseDir, reservationsOf } from './ipam-store.ts';

/** The views that can hold IPAM state. */
const STATE_KINDS: ReadonlySet<LeftoverKind> = new Set(['file', 'file-content', 'state']);

/** How to make release observable, for skip reasons. */
export const RELEASE_HINT =
  'give --state-dir DIR (where the IPAM keeps its state) or --state-command CMD (prints it, one item a line)';

/** The state before the ADD under test, with a baseline attachment alive. */
export interface ReleaseProbe {
  readonly before: Snapshot;
}

/** True when the config delegates to an IPAM (or is one): release applies. */
export function hasIpam(config: JsonObject): boolean {
  const ipam = config.ipam;
  return typeof ipam === 'object' && ipam !== null && typeof (ipam as JsonObject).type === 'string';
}

/**
 * ADDs the baseline attachment and takes the "before" snapshot. Undefined when no second attachment can be added:
 * the ADD's own state could not be told from the scaffolding the first ADD creates.
 */
export async function startReleaseProbe(ctx: CheckContext): Promise<ReleaseProbe | undefined> {
  const baseline = await addBaseline(ctx);
  if (baseline === undefined) return undefined;
  return { before: (await snapshotSandbox(ctx)).host };
}

/** The IPAM state the ADD of `attachment` added (call right after the ADD). */
export async function stateAddedBy(
  ctx: CheckContext,
  probe: ReleaseProbe,
  attachment: Pick<Attachment, 'containerId' | 'result'>,
): Promise<AttachmentOwnership> {
  const owned = ownedByAdd(probe.before, (await snapshotSandbox(ctx)).host, identityOf(attachment));
  return { ...owned, entries: owned.entries.filter((entry) => STATE_KINDS.has(entry.kind)) };
}

/**
 * Fails when state the ADD added is still there (call after DEL); false when the ADD added none (the IPAM's state
 * is invisible: the caller ends with {@link skipUnobserved} once it judged everything else). host-local's lease
 * files for the attachment are checked too.
 */
export async function expectReleased(
  ctx: CheckContext,
  probe: ReleaseProbe | undefined,
  owned: AttachmentOwnership | undefined,
  attachment: Attachment,
  what: string,
): Promise<boolean> {
  const leases = hostLocalLeaseDir(attachment.config);
  const held =
    leases === undefined ? [] : await reservationsOf(ctx, leases, attachment.containerId, attachment.ifname);
  if (held.length > 0)
    throw new Error(`${what}: host-local reservation(s) ${held.map((r) => r.ip).join(', ')} still held`);
  if (probe === undefined || owned === undefined || owned.entries.length === 0) return leases !== undefined;
  const now = (await snapshotSandbox(ctx)).host;
  const stillThere = ownedByAdd(probe.before, now, owned).entries;
  const left = owned.entries.filter((entry) => stillThere.some((item) => item.key === entry.key));
  if (left.length > 0)
    throw new Error(
      `${what}: IPAM state the ${owned.createdBy} added is still there:\n  ${left.map((e) => e.id).join('\n  ')}`,
    );
  return true;
}

/** Skips the check: everything else passed, but whether DEL released the IPAM reservation could not be seen. */
export function skipUnobserved(ctx: CheckContext, what: string): never {
  return ctx.skip(
    'not-observable',
    `IPAM release ${what}: the ADD added no state the harness can see (no file under /run, /var/lib/cni or /etc/cni, no --state-command line); ${RELEASE_HINT}`,
  );
}
