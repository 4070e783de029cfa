/**
 * Where the committed JSON Schema files live and how they are written, shared by the generator script,
 * the validator and the freshness test.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type DocumentName, schemaFileName } from './documents.ts';

/** The exact text of a schema file: 2-space JSON plus a final newline. */
export function formatSchemaFile(schema: Record<string, unknown>): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}

let cachedDir: string | undefined;

/**
 * The package's `schemas/` directory, found by walking up from this module, so it works from src/spec
 * (tests, tsx) and from the bundled dist/ alike.
 */
export function findSchemasDir(): string {
  if (cachedDir) return cachedDir;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'schemas');
    if (existsSync(join(candidate, schemaFileName('conflist')))) {
      cachedDir = candidate;
      return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('schemas/ not found above src/spec: run `npm run schemas`');
    dir = parent;
  }
}

/** Reads one committed schema file. */
export function readSchemaFile(name: DocumentName): Record<string, unknown> {
  return JSON.parse(readFileSync(join(findSchemasDir(), schemaFileName(name)), 'utf8')) as Record<
    string,
    unknown
  >;
}
