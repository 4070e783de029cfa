/** Assertions whose messages list the offending items in full (vitest abbreviates nested arrays). */
/** Fails with `what: a; b; c` unless `items` is empty. */
export declare function expectNone(items: readonly string[], what: string): void;
