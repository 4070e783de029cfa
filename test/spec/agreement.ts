/**
 * One source of truth, two checkers: zod (src/spec models, ipaddr.js refinements) and ajv (the committed
 * JSON Schemas) must accept and reject exactly the same documents, valid or mutated. Shared by the
 * agreement-*.test.ts files, which are split so the two test workers share the load.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DOCUMENT_SCHEMAS, type DocumentName } from '../../src/spec/documents.ts';
import { validateDocument } from '../../src/spec/validate.ts';
import { mutated } from './mutate.ts';

/** The pinned seed of every agreement property. */
export const AGREEMENT_SEED = 20261127;
const RUNS = 100;

/** A document, a label for the test title and an arbitrary of valid instances. */
export interface AgreementCase {
  readonly name: DocumentName;
  readonly label: string;
  readonly arb: fc.Arbitrary<unknown>;
}

/** Both verdicts on one value. */
export function agreement(name: DocumentName, value: unknown): { zod: boolean; ajv: boolean } {
  return { zod: DOCUMENT_SCHEMAS[name].safeParse(value).success, ajv: validateDocument(name, value).valid };
}

/** Declares the three agreement properties for each case. */
export function describeAgreement(cases: readonly AgreementCase[]): void {
  for (const { name, label, arb } of cases) {
    describe(label, () => {
      it('accepts every generated valid document with both', () => {
        fc.assert(
          fc.property(arb, (value) => {
            expect(agreement(name, value)).toEqual({ zod: true, ajv: true });
          }),
          { seed: AGREEMENT_SEED, numRuns: RUNS },
        );
      });

      it('gives the same verdict on mutated documents', () => {
        fc.assert(
          fc.property(mutated(arb), (value) => {
            const verdict = agreement(name, value);
            expect(verdict.ajv).toBe(verdict.zod);
          }),
          { seed: AGREEMENT_SEED, numRuns: RUNS * 2 },
        );
      });

      it('gives the same verdict on arbitrary JSON', () => {
        fc.assert(
          fc.property(fc.jsonValue({ maxDepth: 3 }), (value) => {
            const verdict = agreement(name, value);
            expect(verdict.ajv).toBe(verdict.zod);
          }),
          { seed: AGREEMENT_SEED, numRuns: RUNS },
        );
      });
    });
  }
}
