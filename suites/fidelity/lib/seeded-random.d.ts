/** A small deterministic PRNG (mulberry32) so random moments replay with the run's --seed. */
/** Returns a function giving numbers in [0, 1), the same sequence for the same seed. */
export declare function seededRandom(seed: number): () => number;
