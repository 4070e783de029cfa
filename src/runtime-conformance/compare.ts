/**
 * Semantic comparison of results: libcni re-serialises results through Go types, so empty arrays and objects
 * vanish (`omitempty`) and key order changes (R-REQ-5). Compare what survives that.
 */
import { isDeepStrictEqual } from 'node:util';

/** Drops null, empty arrays and empty objects, recursively. */
export function normalizeResult(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalizeResult);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(value)) {
    const item = normalizeResult(raw);
    if (item === null || item === undefined) continue;
    if (Array.isArray(item) && item.length === 0) continue;
    if (typeof item === 'object' && !Array.isArray(item) && Object.keys(item).length === 0) continue;
    out[key] = item;
  }
  return out;
}

/** True when two results are the same once Go's re-serialisation is accounted for. */
export function sameResult(a: unknown, b: unknown): boolean {
  return isDeepStrictEqual(normalizeResult(a), normalizeResult(b));
}

/** A short one-line rendering for violation messages. */
export function formatJson(value: unknown, max = 160): string {
  const text = value === undefined ? 'absent' : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
