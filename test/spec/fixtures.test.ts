/**
 * Example documents under fixtures/: valid ones pass zod and ajv; each malformed one fails with an issue
 * that names its JSON path and the reason, as listed in the folder's manifest.json.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatParseIssues, type ParseIssue, type ParseResult } from '../../src/errors.ts';
import {
  parseIpamResult,
  parseLegacyNetworkConfig,
  parseNetworkConfigList,
  parseRequestConfig,
  parseResult,
  parseVersionResult,
  parseWireError,
} from '../../src/spec/parse.ts';
import {
  type ValidationReport,
  validateConflist,
  validateDocument,
  validateIpamResult,
  validateRequestConfig,
  validateResult,
  validateVersionResult,
  validateWireError,
} from '../../src/spec/validate.ts';

interface Checkers {
  readonly zod: (raw: unknown) => ParseResult<unknown>;
  readonly ajv: (json: unknown) => ValidationReport;
}

function checkersFor(document: string, version = ''): Checkers {
  const table: Record<string, Checkers> = {
    result: { zod: (raw) => parseResult(version, raw), ajv: (json) => validateResult(version, json) },
    'ipam-result': {
      zod: (raw) => parseIpamResult(version, raw),
      ajv: (json) => validateIpamResult(version, json),
    },
    error: { zod: parseWireError, ajv: validateWireError },
    'version-result': { zod: parseVersionResult, ajv: validateVersionResult },
    conflist: { zod: parseNetworkConfigList, ajv: validateConflist },
    conf: { zod: parseLegacyNetworkConfig, ajv: (json) => validateDocument('conf', json) },
    'request-config': { zod: parseRequestConfig, ajv: validateRequestConfig },
  };
  const checkers = table[document];
  if (!checkers) throw new Error(`no checkers for document ${document}`);
  return checkers;
}

interface MalformedCase {
  readonly file: string;
  readonly document: string;
  readonly version?: string;
  readonly path: string;
  readonly reason: string;
  readonly checkers: readonly ('zod' | 'ajv')[];
}

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

function issuesOf(checkers: Checkers, which: 'zod' | 'ajv', json: unknown): readonly ParseIssue[] {
  if (which === 'ajv') return checkers.ajv(json).issues;
  const parsed = checkers.zod(JSON.stringify(json));
  return parsed.ok ? [] : parsed.issues;
}

for (const dir of ['fixtures/results/malformed', 'fixtures/configs/spec/malformed']) {
  describe(`malformed examples in ${dir}`, () => {
    const cases = readJson(join(dir, 'manifest.json')) as MalformedCase[];
    for (const entry of cases) {
      it(`${entry.file} fails at ${entry.path} (${entry.checkers.join(' and ')})`, () => {
        const json = readJson(join(dir, entry.file));
        const checkers = checkersFor(entry.document, entry.version);
        for (const which of ['zod', 'ajv'] as const) {
          const issues = issuesOf(checkers, which, json);
          if (!entry.checkers.includes(which)) {
            // A semantic rule JSON Schema cannot state: the schema alone accepts the document.
            expect(issues, `${which} ${formatParseIssues(issues)}`).toEqual([]);
            continue;
          }
          const hit = issues.find((issue) => issue.path === entry.path);
          expect(hit, `${which}: ${formatParseIssues(issues)}`).toBeDefined();
          expect(hit?.reason, which).toMatch(new RegExp(entry.reason, 'i'));
          expect(formatParseIssues(issues)).toContain(`${entry.path}: `);
        }
      });
    }

    it('lists every example file in the manifest', () => {
      const files = readdirSync(dir).filter((file) => file !== 'manifest.json');
      expect(files.sort()).toEqual(cases.map((entry) => entry.file).sort());
    });
  });
}

function expectValid(checkers: Checkers, json: unknown, label: string): void {
  expect(checkers.ajv(json).issues, `${label} (ajv)`).toEqual([]);
  const parsed = checkers.zod(json);
  expect(parsed.ok ? [] : parsed.issues, `${label} (zod)`).toEqual([]);
}

describe('valid examples', () => {
  const resultsDir = 'fixtures/results/valid';
  for (const file of readdirSync(resultsDir)) {
    it(`${file} (recorded from the upstream plugin) passes zod and ajv`, () => {
      const [, plugin, version] = /^(.+)-(\d+\.\d+\.\d+)\.json$/.exec(file) ?? [];
      const document = plugin === 'host-local' ? 'ipam-result' : 'result';
      expectValid(checkersFor(document, version), readJson(join(resultsDir, file)), file);
    });
  }

  const configsDir = 'fixtures/configs/spec/valid';
  for (const file of readdirSync(configsDir)) {
    it(`${file} passes zod and ajv`, () => {
      const document = file.startsWith('conflist-')
        ? 'conflist'
        : file.startsWith('conf-')
          ? 'conf'
          : 'request-config';
      expectValid(checkersFor(document), readJson(join(configsDir, file)), file);
    });
  }
});

describe('recorded upstream deviations (fixtures/results/upstream)', () => {
  it.each([
    ['loopback-1.1.1-0.2.0.json', '0.2.0', '/interfaces'],
    ['loopback-1.1.1-0.4.0.json', '0.4.0', '/ips/0/version'],
  ])('%s fails at %s with both checkers (P-VER-1)', (file, version, path) => {
    const json = readJson(join('fixtures/results/upstream', file));
    for (const which of ['zod', 'ajv'] as const) {
      const issues = issuesOf(checkersFor('result', version), which, json);
      expect(issues.map((issue) => issue.path)).toContain(path);
    }
  });
});
