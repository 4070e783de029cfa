/**
 * Attachment state by difference, not by name. What one attachment owns is what its ADD added to a namespace that
 * already holds another live attachment of the same network: the first ADD may create shared scaffolding (a
 * bridge, a table, a store file, a daemon), a later one adds only its own. DEL must remove exactly that, so with
 * such a baseline attachment alive, every difference between "before ADD" and "after DEL" is a leftover, whatever
 * the plugin names things. The first attachment, which may have created the scaffolding, is judged by likeness:
 * what it left that looks like something a later ADD owned (same shape once addresses, IDs, hex names and numbers
 * are masked), or that names it (its container ID or address), is its own.
 */
import { type DiffEntry, type DiffOptions, diffSnapshots } from './diff.ts';
import type { Snapshot } from './snapshot-types.ts';

/** Who an attachment is: how reports name its ADD, and what identifies it in names. */
export interface AttachmentIdentity {
  /** "ADD of cnc-1234-b". */
  readonly createdBy: string;
  /** Its container ID and addresses. */
  readonly tokens: readonly string[];
}

/** What one ADD added, and who it was. */
export interface AttachmentOwnership extends AttachmentIdentity {
  readonly entries: readonly DiffEntry[];
}

/** One object left behind (or damaged), and the ADD that created it when that is known. */
export interface Leftover {
  readonly entry: DiffEntry;
  readonly createdBy: string | undefined;
}

/** The items an ADD added (with a live attachment of the same network present before it). */
export function ownedByAdd(
  beforeAdd: Snapshot,
  afterAdd: Snapshot,
  identity: AttachmentIdentity,
  options: DiffOptions = {},
): AttachmentOwnership {
  const entries = diffSnapshots(beforeAdd, afterAdd, options).filter((entry) => entry.change === 'added');
  return { ...identity, entries };
}

/**
 * Shared state that moves on in place: a value inside a store file that existed before (a round-robin cursor,
 * a counter) may change; an added or removed item may not.
 */
function movedOn(entry: DiffEntry): boolean {
  return entry.change === 'changed' && entry.kind === 'file-content';
}

function creatorOf(entry: DiffEntry, owners: readonly AttachmentOwnership[]): string | undefined {
  return owners.find((owner) => owner.entries.some((owned) => owned.key === entry.key))?.createdBy;
}

/**
 * Everything that differs between `before` (a baseline attachment alive) and `after` (the attachments under test
 * gone again): each is a leftover, attributed to the ADD that created it when one of `owners` did.
 */
export function leftoversByDifference(
  before: Snapshot,
  after: Snapshot,
  owners: readonly AttachmentOwnership[] = [],
  options: DiffOptions = {},
): Leftover[] {
  return diffSnapshots(before, after, options)
    .filter((entry) => !movedOn(entry))
    .map((entry) => ({ entry, createdBy: creatorOf(entry, owners) }));
}

/** An item's name with what differs between attachments masked: addresses, MACs, hex names, numbers. */
export function shapeOf(text: string, tokens: readonly string[] = []): string {
  let shape = text;
  for (const token of tokens.filter((t) => t.length > 0)) shape = shape.split(token).join('<id>');
  return shape
    .replace(/\b[0-9a-f]{2}(:[0-9a-f]{2}){5}\b/gi, '<mac>')
    .replace(/\b\d{1,3}(\.\d{1,3}){3}\b/g, '<ip>')
    .replace(/\b[0-9a-f]*:[0-9a-f:]*:[0-9a-f]*\b/gi, (match) => (match.length > 2 ? '<ip>' : match))
    .replace(/(?=[0-9a-f]*\d)[0-9a-f]{6,}/gi, '<hex>')
    .replace(/\d+/g, '<n>');
}

/** True when `text` names `token` as a whole (an address not as the prefix of a longer one). */
function names(text: string, token: string): boolean {
  const escaped = token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\w.:])${escaped}($|[^\\w:]|\\.(?!\\d))`).test(text);
}

/**
 * The first attachment's leftovers after its DEL (no other attachment alive): what it added that looks like
 * something `later` owned, or that names it, and anything removed or damaged. The rest is scaffolding it created
 * for every attachment; it comes back as entries marked `scaffolding` with the reason.
 */
export function firstAttachmentLeftovers(
  before: Snapshot,
  after: Snapshot,
  first: AttachmentIdentity,
  later: AttachmentOwnership,
  options: DiffOptions = {},
): { leftovers: Leftover[]; scaffolding: DiffEntry[] } {
  const laterShapes = new Set(later.entries.map((entry) => shapeOf(entry.id, later.tokens)));
  const leftovers: Leftover[] = [];
  const scaffolding: DiffEntry[] = [];
  for (const entry of diffSnapshots(before, after, options)) {
    if (movedOn(entry)) continue;
    const own =
      entry.change === 'removed' ||
      laterShapes.has(shapeOf(entry.id, first.tokens)) ||
      first.tokens.some((token) => names(entry.id, token));
    if (own) leftovers.push({ entry, createdBy: entry.change === 'removed' ? undefined : first.createdBy });
    else
      scaffolding.push({
        ...entry,
        scaffolding: true,
        why: `created by the ${first.createdBy} and not again by the ${later.createdBy}: shared`,
      });
  }
  return { leftovers, scaffolding };
}

/** One line per leftover: what, where, and which ADD created it. */
export function describeLeftover(leftover: Leftover, where: string): string {
  const { entry, createdBy } = leftover;
  const origin =
    entry.change === 'removed'
      ? ' (there before; gone after DEL)'
      : createdBy
        ? ` (created by the ${createdBy})`
        : entry.change === 'added'
          ? ' (appeared during the calls under test)'
          : '';
  return `${where}: ${entry.change} ${entry.id}${origin}`;
}
