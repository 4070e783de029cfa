/**
 * One source of truth, two checkers: zod (src/spec models, ipaddr.js refinements) and ajv (the committed
 * JSON Schemas) must accept and reject exactly the same documents, valid or mutated. Shared by the
 * agreement-*.test.ts files, which are split so the two test workers share the load.
 */
import fc from 'fast-check';
import { type DocumentName } from '../../src/spec/documents.ts';
/** The pinned seed of every agreement property. */
export declare const AGREEMENT_SEED = 20261127;
/** A document, a label for the test title and an arbitrary of valid instances. */
export interface AgreementCase {
  readonly name: DocumentName;
  readonly label: string;
  readonly arb: fc.Arbitrary<unknown>;
}
/** Both verdicts on one value. */
export declare function agreement(
  name: DocumentName,
  value: unknown,
): {
  zod: boolean;
  ajv: boolean;
};
/** Declares the three agreement properties for each case. */
export declare function describeAgreement(cases: readonly AgreementCase[]): void;
