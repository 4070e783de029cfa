import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WireErrorSchema } from '../../src/spec/error.ts';
import {
  checkWireError,
  fastParseLegacyNetworkConfig,
  fastParseNetworkConfigList,
  fastParsePluginConfig,
} from '../../src/spec/fast-parse.ts';
import { parseLegacyNetworkConfig, parseNetworkConfigList, parsePluginConfig } from '../../src/spec/parse.ts';
import { AGREEMENT_SEED } from './agreement.ts';
import { conflist, legacyConf, pluginConfig, wireError } from './arbitraries.ts';
import { mutated } from './mutate.ts';

const RUNS = 300;

const CASES = [
  { label: 'conflist', arb: conflist, fast: fastParseNetworkConfigList, zod: parseNetworkConfigList },
  { label: 'plugin-config', arb: pluginConfig, fast: fastParsePluginConfig, zod: parsePluginConfig },
  { label: 'conf', arb: legacyConf, fast: fastParseLegacyNetworkConfig, zod: parseLegacyNetworkConfig },
];

/** The fast parser decides only what zod accepts, with zod's value to the key order; undecided is fine. */
function expectSameAsZodWhenDecided(
  fast: (text: string) => unknown,
  zod: (text: string) => { ok: boolean; value?: unknown },
  text: string,
): void {
  const decided = fast(text);
  if (decided === undefined) return;
  const reference = zod(text);
  expect(reference.ok).toBe(true);
  expect(decided).toEqual(reference.value);
  expect(JSON.stringify(decided)).toBe(JSON.stringify(reference.value));
}

describe('the zod-free parsers decide only as zod does (src/spec/fast-parse.ts)', () => {
  for (const { label, arb, fast, zod } of CASES) {
    describe(label, () => {
      it('gives zod’s value on generated documents, and decides every valid one without `dns`', () => {
        fc.assert(
          fc.property(arb, (value) => {
            const text = JSON.stringify(value);
            expectSameAsZodWhenDecided(fast, zod, text);
            if (!text.includes('"dns"') && zod(text).ok) expect(fast(text)).toBeDefined();
          }),
          { seed: AGREEMENT_SEED, numRuns: RUNS },
        );
      });

      it('leaves to zod what it rejects, on mutated documents', () => {
        fc.assert(
          fc.property(mutated(arb), (value) => {
            expectSameAsZodWhenDecided(fast, zod, JSON.stringify(value));
          }),
          { seed: AGREEMENT_SEED, numRuns: RUNS * 2 },
        );
      });

      it('leaves to zod what it rejects, on arbitrary JSON and broken text', () => {
        fc.assert(
          fc.property(fc.oneof(fc.json({ maxDepth: 3 }), fc.string()), (text) => {
            expectSameAsZodWhenDecided(fast, zod, text);
          }),
          { seed: AGREEMENT_SEED, numRuns: RUNS },
        );
      });
    });
  }

  it('drops `__proto__` keys and keeps zod’s key order (declared keys first)', () => {
    const text =
      '{"x":1,"plugins":[{"z":[1],"__proto__":{"a":1},"ipam":{"s":1,"type":"host-local","__proto__":2},"type":"bridge","capabilities":{"mac":true,"__proto__":true}}],"10":0,"name":"n","__proto__":{"b":2}}';
    for (const [fast, zod] of [[fastParseNetworkConfigList, parseNetworkConfigList]] as const) {
      expect(fast(text)).toBeDefined();
      expectSameAsZodWhenDecided(fast, zod, text);
    }
  });

  it('rejects nothing zod accepts without saying so: `loadOnlyInlinedPlugins` with no plugins goes to zod', () => {
    expect(fastParseNetworkConfigList('{"name":"n","loadOnlyInlinedPlugins":true}')).toBeUndefined();
  });
});

describe('checkWireError is WireErrorSchema, both ways', () => {
  const sameAsZod = (value: unknown) => {
    const reference = WireErrorSchema.safeParse(value);
    const checked = checkWireError(value);
    expect(checked !== undefined).toBe(reference.success);
    if (reference.success) expect(JSON.stringify(checked)).toBe(JSON.stringify(reference.data));
  };

  it('on generated, mutated and arbitrary values', () => {
    fc.assert(
      fc.property(fc.oneof(wireError, mutated(wireError), fc.jsonValue({ maxDepth: 2 })), sameAsZod),
      { seed: AGREEMENT_SEED, numRuns: RUNS * 3 },
    );
  });

  it('on the edges of `code`', () => {
    for (const code of [0, -0, 1.5, -1, 2 ** 53, 2 ** 53 - 1, 1e300, '7', null])
      sameAsZod({ code, msg: 'm', extra: [1], __proto__: null });
    sameAsZod(JSON.parse('{"msg":"m","code":7,"__proto__":{"x":1},"details":"d"}'));
  });
});
