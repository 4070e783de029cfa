/**
 * Items inside files and the author's state view, so one attachment's lease in a shared store is an item of its
 * own: a JSON file's leaves (`.leases["10.1.0.5"] = "c1"`), a text file's lines, `--state-command` lines. A file
 * that holds one value (a counter, a round-robin cursor) is one item whose value may change.
 */
import type { FileRecord } from './snapshot-types.ts';

/** One piece of content: where it is in its file, and its value. */
interface ContentPiece {
  readonly where: string;
  readonly value: string;
}

function jsonLeaves(value: unknown, path: string, into: ContentPiece[]): void {
  const isContainer = typeof value === 'object' && value !== null;
  const entries = isContainer ? Object.entries(value) : [];
  if (entries.length === 0) {
    into.push({ where: path || '.', value: JSON.stringify(value) });
    return;
  }
  for (const [key, inner] of entries) {
    jsonLeaves(inner, Array.isArray(value) ? `${path}[${key}]` : `${path}[${JSON.stringify(key)}]`, into);
  }
}

function parseJsonDocument(text: string): unknown {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return undefined;
  try {
    return JSON.parse(trimmed);
  } catch {
    return undefined;
  }
}

/**
 * The content pieces of a file: JSON leaves keyed by path (an array element by its value: arrays of leases get
 * reordered), else its lines keyed by content; a one-line file is one piece keyed by the file alone.
 */
export function contentPieces(file: FileRecord): ContentPiece[] {
  const text = file.content ?? '';
  const json = parseJsonDocument(text);
  if (json !== undefined) {
    const leaves: ContentPiece[] = [];
    jsonLeaves(json, '', leaves);
    // Inside an array a leaf is known by its value: stores reorder their lists.
    return leaves.map((leaf) =>
      /\[\d+\]/.test(leaf.where)
        ? { where: `${leaf.where.replace(/\[\d+\]/g, '[]')} = ${leaf.value}`, value: '' }
        : leaf,
    );
  }
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  if (lines.length <= 1) return lines.map((line) => ({ where: '', value: line }));
  return lines.map((line) => ({ where: line, value: '' }));
}
