/**
 * One source of truth, two checkers: zod (src/spec models, ipaddr.js refinements) and ajv (the committed
 * JSON Schemas) must accept and reject exactly the same documents, valid or mutated.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DOCUMENT_SCHEMAS, type DocumentName } from '../../src/spec/documents.ts';
import { validateDocument } from '../../src/spec/validate.ts';
import { CNI_VERSIONS, type CniVersion, familyOf } from '../../src/spec/versions.ts';
import {
  conflist,
  gcAttachment,
  legacyConf,
  pluginConfig,
  requestConfig,
  resultAt,
  runtimeConfig,
  versionResult,
  wireError,
} from './arbitraries.ts';
import { mutated, NEAR_MISS_STRINGS } from './mutate.ts';

const SEED = 20261127;
const RUNS = 100;

const resultDocuments = CNI_VERSIONS.flatMap((version: CniVersion) => [
  {
    name: `result.${familyOf(version)}` as DocumentName,
    label: `result @ ${version}`,
    arb: resultAt(version),
  },
  {
    name: `ipam-result.${familyOf(version)}` as DocumentName,
    label: `ipam-result @ ${version}`,
    arb: resultAt(version, true),
  },
]);

const DOCUMENTS: { name: DocumentName; label: string; arb: fc.Arbitrary<unknown> }[] = [
  ...resultDocuments,
  { name: 'conflist', label: 'conflist', arb: conflist },
  { name: 'conf', label: 'conf', arb: legacyConf },
  { name: 'plugin-config', label: 'plugin-config', arb: pluginConfig },
  { name: 'request-config', label: 'request-config', arb: requestConfig },
  { name: 'runtime-config', label: 'runtime-config', arb: runtimeConfig },
  { name: 'version-result', label: 'version-result', arb: versionResult },
  { name: 'error', label: 'error', arb: wireError },
  { name: 'gc-attachment', label: 'gc-attachment', arb: gcAttachment },
];

function agreement(name: DocumentName, value: unknown): { zod: boolean; ajv: boolean } {
  return { zod: DOCUMENT_SCHEMAS[name].safeParse(value).success, ajv: validateDocument(name, value).valid };
}

describe(`zod and ajv agree (seed ${SEED})`, () => {
  for (const { name, label, arb } of DOCUMENTS) {
    describe(label, () => {
      it('accepts every generated valid document with both', () => {
        fc.assert(
          fc.property(arb, (value) => {
            expect(agreement(name, value)).toEqual({ zod: true, ajv: true });
          }),
          { seed: SEED, numRuns: RUNS },
        );
      });

      it('gives the same verdict on mutated documents', () => {
        fc.assert(
          fc.property(mutated(arb), (value) => {
            const verdict = agreement(name, value);
            expect(verdict.ajv).toBe(verdict.zod);
          }),
          { seed: SEED, numRuns: RUNS * 2 },
        );
      });

      it('gives the same verdict on arbitrary JSON', () => {
        fc.assert(
          fc.property(fc.jsonValue({ maxDepth: 3 }), (value) => {
            const verdict = agreement(name, value);
            expect(verdict.ajv).toBe(verdict.zod);
          }),
          { seed: SEED, numRuns: RUNS },
        );
      });
    });
  }

  it('gives the same verdict on near-miss address strings in every address position', () => {
    const templates: [DocumentName, (value: string) => unknown][] = [
      ['result.v100', (value) => ({ cniVersion: '1.0.0', ips: [{ address: value }] })],
      [
        'result.v100',
        (value) => ({ cniVersion: '1.0.0', ips: [{ address: '10.0.0.2/24', gateway: value }] }),
      ],
      ['result.v040', (value) => ({ cniVersion: '0.4.0', ips: [{ version: '4', address: value }] })],
      ['result.v040', (value) => ({ cniVersion: '0.4.0', ips: [{ version: '6', address: value }] })],
      ['result.v020', (value) => ({ cniVersion: '0.2.0', ip4: { ip: value } })],
      ['result.v020', (value) => ({ cniVersion: '0.2.0', ip6: { ip: value, routes: [{ dst: value }] } })],
      ['runtime-config', (value) => ({ ips: [value], mac: value })],
    ];
    for (const [name, build] of templates) {
      for (const value of NEAR_MISS_STRINGS) {
        const verdict = agreement(name, build(value));
        expect(verdict.ajv, `${name} with ${JSON.stringify(value)}`).toBe(verdict.zod);
      }
    }
  });
});
