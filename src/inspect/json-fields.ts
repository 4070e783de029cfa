/** Typed reads from the loosely shaped JSON that `ip -json` and `nft -j` print. */
import type { ParseResult } from '../errors.ts';

/** A JSON object, or an empty one for anything else. */
export type JsonObject = Readonly<Record<string, unknown>>;

/** The value as an object, or an empty object. */
export function asObject(value: unknown): JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : {};
}

/** A string field, or null. */
export function stringField(object: JsonObject, key: string): string | null {
  const value = object[key];
  return typeof value === 'string' ? value : null;
}

/** A number field, or null. */
export function numberField(object: JsonObject, key: string): number | null {
  const value = object[key];
  return typeof value === 'number' ? value : null;
}

/** Parses a JSON array of objects (empty output counts as an empty array). */
export function parseJsonArray(text: string, what: string): ParseResult<JsonObject[]> {
  if (text.trim() === '') return { ok: true, value: [] };
  try {
    const parsed: unknown = JSON.parse(text);
    if (!Array.isArray(parsed))
      return { ok: false, issues: [{ path: '', reason: `${what}: not a JSON array` }] };
    return { ok: true, value: parsed.map(asObject) };
  } catch (error) {
    return { ok: false, issues: [{ path: '', reason: `${what}: ${(error as Error).message}` }] };
  }
}
