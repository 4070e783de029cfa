/**
 * Result conversion: the notes' rules by example, then properties over generated results of every version.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { convertResult } from '../../src/spec/convert.ts';
import { cidrFamilyOf } from '../../src/spec/ip.ts';
import { parseResult } from '../../src/spec/parse.ts';
import type { CniResult } from '../../src/spec/result.ts';
import { findVersion11OnlyFields } from '../../src/spec/v100/result.ts';
import { validateResult } from '../../src/spec/validate.ts';
import { CNI_VERSIONS, type CniVersion, familyOf } from '../../src/spec/versions.ts';
import { resultAt, v100Result } from './arbitraries.ts';

const SEED = 4242;
const RUNS = 100;

type Loose = Record<string, unknown> & { cniVersion: string };
type Ip = { address: string; interface?: number };

/** True when a 0.3+ result survives 0.2.0 unchanged: the conditions under which Go's converter loses nothing. */
function fitsV020(result: Loose): boolean {
  const ips = (result.ips ?? []) as Ip[];
  const families = ips.map((ip) => cidrFamilyOf(ip.address));
  const routeFamilies = ((result.routes ?? []) as { dst: string }[]).map((route) => cidrFamilyOf(route.dst));
  const sorted = (list: unknown[]) => list.join() === [...list].sort().join();
  return (
    ips.length > 0 &&
    new Set(families).size === families.length &&
    sorted(families) &&
    sorted(routeFamilies) &&
    routeFamilies.every((family) => families.includes(family)) &&
    result.interfaces === undefined &&
    ips.every((ip) => ip.interface === undefined)
  );
}

/** True when every 0.1.0/0.2.0 route sits in the block of its own family, as conversion back would put it. */
function v020RoutesByFamily(result: Loose): boolean {
  const blocks = [
    ['4', result.ip4],
    ['6', result.ip6],
  ] as const;
  const routesOk = blocks.every(([family, block]) =>
    ((block as { routes?: { dst: string }[] } | undefined)?.routes ?? []).every(
      (r) => cidrFamilyOf(r.dst) === family,
    ),
  );
  return routesOk && (result.ip4 !== undefined || result.ip6 !== undefined);
}

function isLossless(result: Loose, to: CniVersion): boolean {
  const from = familyOf(result.cniVersion as CniVersion);
  const target = familyOf(to);
  const no11 = from !== 'v100' || findVersion11OnlyFields(result as { routes?: object[] }).length === 0;
  if (from === target) return true;
  if (from === 'v020') return v020RoutesByFamily(result);
  if (target === 'v020') return no11 && fitsV020(result);
  return target === 'v100' || no11;
}

const pairs = fc.tuple(fc.constantFrom(...CNI_VERSIONS), fc.constantFrom(...CNI_VERSIONS));
const resultAndTarget = pairs.chain(([from, to]) => fc.tuple(resultAt(from), fc.constant(to)));

// 1.x results without the 1.1-only fields, which random 1.x results nearly always carry.
const plain1x = fc
  .tuple(fc.constantFrom('1.0.0', '1.1.0'), fc.constantFrom(...CNI_VERSIONS))
  .chain(([from, to]) => fc.tuple(v100Result(from, false, false), fc.constant(to)));

// Random 0.3+ results rarely fit 0.2.0 (one address per family, no interfaces), so also draw results
// shaped like that on purpose: 0.2.0 results taken up to a later version, then aimed back down.
const v020Shaped = pairs.chain(([later, v020]) =>
  resultAt('0.2.0')
    .filter((result) => v020RoutesByFamily(result as Loose))
    .map((result) => convertResult(result as CniResult, later))
    .filter((converted) => converted.ok)
    .map(
      (converted) =>
        [
          (converted as { result: CniResult }).result as Loose,
          v020.startsWith('0.1') ? '0.1.0' : '0.2.0',
        ] as const,
    ),
);

describe('convertResult', () => {
  const loopback100: CniResult = {
    cniVersion: '1.0.0',
    interfaces: [{ name: 'lo', mac: '00:00:00:00:00:00', sandbox: '/var/run/netns/x' }],
    ips: [
      { address: '127.0.0.1/8', interface: 0 },
      { address: '10.0.0.5/24', interface: 0 },
      { address: '::1/128', interface: 0 },
    ],
    routes: [
      { dst: '::/0', table: 100 },
      { dst: '0.0.0.0/0', gw: '10.0.0.1' },
    ],
    dns: {},
  };

  it('returns the same object at once for the same version', () => {
    const converted = convertResult(loopback100, '1.0.0');
    expect(converted.ok && converted.result).toBe(loopback100);
  });

  it('re-adds ips[].version from the address family going from 1.x to 0.4', () => {
    const converted = convertResult(loopback100, '0.4.0');
    expect(converted.ok && converted.result).toMatchObject({
      cniVersion: '0.4.0',
      ips: [{ version: '4' }, { version: '4' }, { version: '6' }],
      routes: [{ dst: '::/0' }, { dst: '0.0.0.0/0', gw: '10.0.0.1' }],
    });
  });

  it('keeps the first v4 and first v6 address going to 0.2.0, assigns routes by family, drops interfaces', () => {
    const converted = convertResult(loopback100, '0.2.0');
    expect(converted).toEqual({
      ok: true,
      result: {
        cniVersion: '0.2.0',
        ip4: { ip: '127.0.0.1/8', routes: [{ dst: '0.0.0.0/0', gw: '10.0.0.1' }] },
        ip6: { ip: '::1/128', routes: [{ dst: '::/0' }] },
        dns: {},
      },
    });
  });

  it("fails with Go's message when an L2-only result goes to 0.2.0", () => {
    const converted = convertResult({ cniVersion: '1.0.0', interfaces: [{ name: 'eth0' }] }, '0.2.0');
    expect(converted).toEqual({
      ok: false,
      error: { kind: 'no-address', message: 'cannot convert: no valid IP addresses' },
    });
  });

  it('reports a missing edge as a typed failure', () => {
    const converted = convertResult(loopback100, '9.9.9');
    expect(converted).toEqual({
      ok: false,
      error: { kind: 'no-converter', message: 'no converter for CNI result version 1.0.0 to 9.9.9' },
    });
  });

  describe(`properties (seed ${SEED})`, () => {
    it('converting v → w → v is the identity wherever no information is lost', () => {
      const exercised = new Set<string>();
      fc.assert(
        fc.property(fc.oneof(resultAndTarget, v020Shaped, plain1x), ([result, to]) => {
          fc.pre(isLossless(result as Loose, to as CniVersion));
          exercised.add(`${familyOf(result.cniVersion as CniVersion)}→${familyOf(to as CniVersion)}`);
          const there = convertResult(result as CniResult, to);
          expect(there.ok).toBe(true);
          if (!there.ok) return;
          const back = convertResult(there.result, result.cniVersion as string);
          expect(back).toEqual({ ok: true, result });
        }),
        { seed: SEED, numRuns: RUNS * 3 },
      );
      // Not vacuous: every pair of families had lossless cases.
      expect([...exercised]).toHaveLength(9);
    });

    it('conversion to 0.2.0 and 0.1.0 fails exactly when a 0.3+ result has no address', () => {
      const later = fc
        .constantFrom('0.3.0', '0.3.1', '0.4.0', '1.0.0', '1.1.0' as const)
        .chain((v) => resultAt(v));
      const target = fc.constantFrom('0.1.0', '0.2.0');
      fc.assert(
        fc.property(later, target, (result, to) => {
          const hasAddress = ((result.ips ?? []) as unknown[]).length > 0;
          const converted = convertResult(result as CniResult, to);
          expect(converted.ok).toBe(hasAddress);
          if (!converted.ok) expect(converted.error.kind).toBe('no-address');
        }),
        { seed: SEED, numRuns: RUNS * 2 },
      );
    });

    it("every successful conversion passes the target version's zod model and JSON Schema", () => {
      fc.assert(
        fc.property(resultAndTarget, ([result, to]) => {
          const converted = convertResult(result as CniResult, to);
          if (!converted.ok) return;
          expect(validateResult(to, converted.result).issues).toEqual([]);
          expect(parseResult(to, converted.result).ok).toBe(true);
        }),
        { seed: SEED, numRuns: RUNS * 3 },
      );
    });
  });
});
