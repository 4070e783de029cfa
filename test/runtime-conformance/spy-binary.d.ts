/** Builds dist/ when the spy binary is missing; returns its path. */
export declare function ensureSpyBinary(): Promise<string>;
