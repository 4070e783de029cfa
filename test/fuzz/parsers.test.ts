/**
 * Fuzzing the harness's own parsers (configs, results, runtime logs, runtime configs): whatever they are fed,
 * they return a typed ParseResult (or a validation report) and never throw. The seed and any counterexample
 * are printed; replay with FUZZ_SEED.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRuntimeConfig as parseCommandRuntimeConfig } from '../../src/runtime-conformance/adapters/command.ts';
import { parseRuntimeLog } from '../../src/runtime-conformance/log.ts';
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
import { validateResult } from '../../src/spec/validate.ts';
import { CNI_VERSIONS } from '../../src/spec/versions.ts';

const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
/** About 10,000 inputs in all, shared out among the parsers (each parser also sees structured JSON from the others). */
const RUNS_PER_PARSER = 700;

/** JSON-ish input: valid JSON values, JSON text (valid or cut), and arbitrary strings. */
const anyInput = fc.oneof(
  fc.jsonValue(),
  fc.json(),
  fc.json().map((text) => text.slice(0, Math.max(0, text.length - 1))),
  fc.string(),
  fc.constantFrom(null, undefined, 0, '', [], {}),
);
const version = fc.oneof(fc.constantFrom(...CNI_VERSIONS), fc.string({ maxLength: 8 }));

function isParseResult(value: unknown): boolean {
  const result = value as { ok?: unknown; issues?: unknown };
  return (
    result.ok === true || (result.ok === false && Array.isArray(result.issues) && result.issues.length > 0)
  );
}

const PARSERS: readonly (readonly [string, (input: unknown, version: string) => unknown])[] = [
  ['parseJson', (input) => parseJson(input)],
  ['parseNetworkConfigList', (input) => parseNetworkConfigList(input)],
  ['parseLegacyNetworkConfig', (input) => parseLegacyNetworkConfig(input)],
  ['parsePluginConfig', (input) => parsePluginConfig(input)],
  ['parseRequestConfig', (input) => parseRequestConfig(input)],
  ['parseRuntimeConfig', (input) => parseRuntimeConfig(input)],
  ['parseWireError', (input) => parseWireError(input)],
  ['parseVersionResult', (input) => parseVersionResult(input)],
  ['parseGcAttachment', (input) => parseGcAttachment(input)],
  ['parseResult', (input, v) => parseResult(v, input)],
  ['parseIpamResult', (input, v) => parseIpamResult(v, input)],
  [
    'parseRuntimeLog',
    (input) => parseRuntimeLog(typeof input === 'string' ? input : (JSON.stringify(input) ?? '')),
  ],
  ['runtime config (command adapter)', (input) => parseCommandRuntimeConfig(input)],
];

describe('fuzzing the harness parsers (in-process)', () => {
  it(`returns typed results for ${RUNS_PER_PARSER * (PARSERS.length + 1)} generated inputs, never throws (seed printed)`, () => {
    const counts: string[] = [];
    for (const [name, parse] of PARSERS) {
      const details = fc.check(
        fc.property(anyInput, version, (input, v) => isParseResult(parse(input, v))),
        { seed: SEED, numRuns: RUNS_PER_PARSER },
      );
      if (details.failed) {
        throw new Error(
          `${name}: counterexample ${JSON.stringify(details.counterexample)} (seed ${SEED}, path ${details.counterexamplePath}): ${String(details.errorInstance)}`,
        );
      }
      counts.push(`${name} ${details.numRuns}`);
    }
    const validations = fc.check(
      fc.property(anyInput, version, (input, v) => Array.isArray(validateResult(v, input).issues)),
      { seed: SEED, numRuns: RUNS_PER_PARSER },
    );
    expect(
      validations.failed,
      `validateResult counterexample ${JSON.stringify(validations.counterexample)}`,
    ).toBe(false);
    console.log(
      `parser fuzz: seed ${SEED}; runs: ${counts.join(', ')}, validateResult ${validations.numRuns}`,
    );
  });
});
