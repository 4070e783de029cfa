/** Sequences per run (issue 6: default 100). */
export declare const PROP_SEQUENCES = 100;
