/** Assertions whose messages list the offending items in full (vitest abbreviates nested arrays). */

/** Fails with `what: a; b; c` unless `items` is empty. */
export function expectNone(items: readonly string[], what: string): void {
  if (items.length === 0) return;
  const shown = items.slice(0, 40).join('; ');
  const more = items.length > 40 ? ` … and ${items.length - 40} more` : '';
  throw new Error(`${what} (${items.length}): ${shown}${more}`);
}
