/**
 * JSON bytes as Go's encoding/json writes them, where libcni's bytes are observable (the result cache, a
 * legacy `.conf` up-converted to a list): map keys sorted at every level, and the HTML-safe escapes.
 */

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A JSON value with object keys sorted at every level: how Go marshals a map[string]interface{}. */
export function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (!isObject(value)) return value;
  const keys = Object.keys(value).sort();
  return Object.fromEntries(keys.map((key) => [key, sortKeysDeep(value[key])]));
}

/** JSON.stringify plus Go's escapes of <, >, &, U+2028 and U+2029. Key order is the caller's. */
export function stringifyLikeGo(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (char) => {
    return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}
