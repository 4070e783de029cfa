/**
 * `npm run schemas`: writes schemas/<document>.schema.json from the zod models in src/spec.
 * The committed files must equal this output (test/spec/schemas.test.ts); never edit them by hand.
 */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { buildJsonSchema, DOCUMENT_NAMES, schemaFileName } from '../src/spec/documents.ts';
import { formatSchemaFile } from '../src/spec/schema-files.ts';

const schemasDir = new URL('../schemas/', import.meta.url);

await mkdir(schemasDir, { recursive: true });
const wanted = new Set(DOCUMENT_NAMES.map(schemaFileName));
for (const stale of (await readdir(schemasDir)).filter((file) => file.endsWith('.schema.json'))) {
  if (!wanted.has(stale)) await rm(new URL(stale, schemasDir));
}
for (const name of DOCUMENT_NAMES) {
  await writeFile(new URL(schemaFileName(name), schemasDir), formatSchemaFile(buildJsonSchema(name)));
}
console.log(`wrote ${DOCUMENT_NAMES.length} schemas to ${schemasDir.pathname}`);
