/**
 * schemas/ is generated from the zod models by `npm run schemas`; the committed files must be exactly what
 * the generator produces now (one source of truth, no hand-kept copy).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { buildJsonSchema, DOCUMENT_NAMES, schemaFileName } from '../../src/spec/documents.ts';
import { findSchemasDir, formatSchemaFile } from '../../src/spec/schema-files.ts';

describe('committed JSON Schemas', () => {
  const dir = findSchemasDir();

  it.each(DOCUMENT_NAMES)(
    'schemas/%s.schema.json equals a fresh generation (else run `npm run schemas`)',
    (name) => {
      const committed = readFileSync(join(dir, schemaFileName(name)), 'utf8');
      expect(committed).toBe(formatSchemaFile(buildJsonSchema(name)));
    },
  );

  it('holds no schema file without a model', () => {
    const files = readdirSync(dir).filter((file) => file.endsWith('.schema.json'));
    expect(files.sort()).toEqual(DOCUMENT_NAMES.map(schemaFileName).sort());
  });

  it('declares draft 2020-12 and compiles in strict mode with formats and discriminator', () => {
    const ajv = new Ajv2020({
      strict: true,
      strictTypes: false,
      discriminator: true,
      validateFormats: false,
    });
    for (const name of DOCUMENT_NAMES) {
      const schema = buildJsonSchema(name);
      expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(() => ajv.compile(schema), name).not.toThrow();
    }
  });
});
