/**
 * Mutations of valid documents for the agreement property: replace a value, delete a key or element,
 * add a key that some shape forbids, or swap in a near-miss address string.
 */
import fc from 'fast-check';

type Json = unknown;
/** Strings that sit on the edge of what the address checkers accept. */
export declare const NEAR_MISS_STRINGS: string[];
/** One random mutation of a value drawn from `valid`. */
export declare function mutated(valid: fc.Arbitrary<Json>): fc.Arbitrary<Json>;
