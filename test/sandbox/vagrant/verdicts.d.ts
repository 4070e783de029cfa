/** `file :: title` → verdict ("pass", "fail", "skip"…), sorted by key. */
export declare function verdictsOf(reportFile: string): Record<string, string>;
