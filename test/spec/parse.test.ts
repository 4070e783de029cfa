/**
 * Every parser returns a typed ParseResult on any input, never throws, and every issue is a JSON pointer
 * plus a reason.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ParseResult } from '../../src/errors.ts';
import {
  parseGcAttachment,
  parseIpamResult,
  parseJson,
  parseLegacyNetworkConfig,
  parseNetworkConfigList,
  parsePluginConfig,
  parseRequestConfig,
  parseResult,
  parseRuntimeConfig,
  parseVersionResult,
  parseWireError,
} from '../../src/spec/parse.ts';
import { pickVersion } from '../../src/spec/pick-version.ts';
import { CNI_VERSIONS } from '../../src/spec/versions.ts';
import { requestConfig } from './arbitraries.ts';

const SEED = 77;

const PARSERS: [string, (raw: unknown) => ParseResult<unknown>][] = [
  ['parseNetworkConfigList', parseNetworkConfigList],
  ['parseLegacyNetworkConfig', parseLegacyNetworkConfig],
  ['parsePluginConfig', parsePluginConfig],
  ['parseRequestConfig', parseRequestConfig],
  ['parseRuntimeConfig', parseRuntimeConfig],
  ['parseWireError', parseWireError],
  ['parseVersionResult', parseVersionResult],
  ['parseGcAttachment', parseGcAttachment],
  ['pickVersion', (raw) => pickVersion(typeof raw === 'object' && raw !== null ? raw : {})],
  ...CNI_VERSIONS.flatMap((version): [string, (raw: unknown) => ParseResult<unknown>][] => [
    [`parseResult ${version}`, (raw) => parseResult(version, raw)],
    [`parseIpamResult ${version}`, (raw) => parseIpamResult(version, raw)],
  ]),
];

const POINTER = /^(\/([^~/]|~[01])*)*$/;

function expectTyped(result: ParseResult<unknown>): void {
  if (result.ok) return;
  expect(result.issues.length).toBeGreaterThan(0);
  for (const issue of result.issues) {
    expect(issue.path).toMatch(POINTER);
    expect(issue.reason.length).toBeGreaterThan(0);
  }
}

describe(`parsers never throw (seed ${SEED})`, () => {
  const exotic = fc.anything({
    withBigInt: true,
    withBoxedValues: true,
    withDate: true,
    withMap: true,
    withNullPrototype: true,
    withSet: true,
    withSparseArray: true,
    withTypedArray: true,
  });
  const anything = fc.oneof(fc.jsonValue(), fc.json(), fc.string(), exotic);
  it.each(PARSERS)('%s returns a typed result for arbitrary input', (_name, parse) => {
    fc.assert(
      fc.property(anything, (raw) => {
        expectTyped(parse(raw));
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('reports invalid JSON text at the root', () => {
    expect(parseJson('{"name": ')).toMatchObject({ ok: false, issues: [{ path: '' }] });
    expect(parseNetworkConfigList('not json')).toMatchObject({ ok: false, issues: [{ path: '' }] });
  });

  it('rejects an unknown result version instead of guessing a shape', () => {
    expect(parseResult('9.9.9', { cniVersion: '9.9.9' })).toMatchObject({
      ok: false,
      issues: [{ path: '' }],
    });
  });

  it('checks prevResult against the request version family and reports under /prevResult', () => {
    fc.assert(
      fc.property(requestConfig, (config) => {
        expect(parseRequestConfig(JSON.stringify(config))).toMatchObject({ ok: true });
      }),
      { seed: SEED, numRuns: 100 },
    );
    const request = {
      cniVersion: '0.4.0',
      name: 'n',
      type: 'bridge',
      prevResult: { ips: [{ address: '10.0.0.2/8' }] },
    };
    expect(parseRequestConfig(request)).toMatchObject({
      ok: false,
      issues: [{ path: '/prevResult/ips/0/version' }],
    });
  });

  it('keeps unknown keys (plugins own them, R-REQ-2)', () => {
    const parsed = parseNetworkConfigList({
      name: 'n',
      plugins: [{ type: 'x', custom: { deep: [1, null] } }],
      zz: 1,
    });
    expect(parsed).toEqual({
      ok: true,
      value: { name: 'n', plugins: [{ type: 'x', custom: { deep: [1, null] } }], zz: 1 },
    });
  });
});
