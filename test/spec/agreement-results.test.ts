import { describe, expect, it } from 'vitest';
import type { DocumentName } from '../../src/spec/documents.ts';
import { CNI_VERSIONS, type CniVersion, familyOf } from '../../src/spec/versions.ts';
import { AGREEMENT_SEED, agreement, describeAgreement } from './agreement.ts';
import { resultAt } from './arbitraries.ts';
import { NEAR_MISS_STRINGS } from './mutate.ts';

describe(`zod and ajv agree on results of every version (seed ${AGREEMENT_SEED})`, () => {
  describeAgreement(
    CNI_VERSIONS.flatMap((version: CniVersion) => [
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
    ]),
  );

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
