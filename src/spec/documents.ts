/**
 * Every CNI document the harness models, with the schema file generated from it. The one list both
 * scripts/generate-schemas.ts (zod → JSON Schema) and src/spec/validate.ts (ajv) read.
 */
import { z } from 'zod';
import { RuntimeConfigSchema } from './capabilities.ts';
import { LegacyNetworkConfigSchema, NetworkConfigListSchema, PluginConfigSchema } from './config.ts';
import { WireErrorSchema } from './error.ts';
import { GcAttachmentSchema, RequestConfigSchema } from './request.ts';
import { IPAM_RESULT_SCHEMAS, RESULT_SCHEMAS } from './result.ts';
import { VersionRequestSchema, VersionResultSchema } from './version-result.ts';

/** The document names; with a family suffix where the shape depends on the version. */
export const DOCUMENT_SCHEMAS = {
  conflist: NetworkConfigListSchema,
  conf: LegacyNetworkConfigSchema,
  'plugin-config': PluginConfigSchema,
  'request-config': RequestConfigSchema,
  'runtime-config': RuntimeConfigSchema,
  'result.v020': RESULT_SCHEMAS.v020,
  'result.v040': RESULT_SCHEMAS.v040,
  'result.v100': RESULT_SCHEMAS.v100,
  'ipam-result.v020': IPAM_RESULT_SCHEMAS.v020,
  'ipam-result.v040': IPAM_RESULT_SCHEMAS.v040,
  'ipam-result.v100': IPAM_RESULT_SCHEMAS.v100,
  error: WireErrorSchema.meta({ title: 'CNI error' }),
  'version-request': VersionRequestSchema,
  'version-result': VersionResultSchema,
  'gc-attachment': GcAttachmentSchema,
} as const satisfies Record<string, z.ZodType>;

/** A modelled document. */
export type DocumentName = keyof typeof DOCUMENT_SCHEMAS;

/** Document names in a stable order. */
export const DOCUMENT_NAMES = Object.keys(DOCUMENT_SCHEMAS) as DocumentName[];

/** The committed file name of a document's JSON Schema, relative to `schemas/`. */
export function schemaFileName(name: DocumentName): string {
  return `${name}.schema.json`;
}

/** The `$id` base of the generated schemas. */
export const SCHEMA_ID_BASE = 'https://cni-conformance.dev/schemas/';

/**
 * Marks discriminated unions (`ips[].version`) with the OpenAPI `discriminator` keyword, so ajv (option
 * `discriminator: true`) reports the errors of the branch the value chose instead of every branch's.
 */
function markDiscriminator(context: {
  zodSchema: z.core.$ZodType;
  jsonSchema: Record<string, unknown>;
}): void {
  const def = context.zodSchema._zod.def as { type: string; discriminator?: string };
  if (def.type === 'union' && def.discriminator !== undefined) {
    // ajv applies `discriminator` to objects only and then skips `oneOf`, so say "object" explicitly.
    context.jsonSchema.type = 'object';
    context.jsonSchema.discriminator = { propertyName: def.discriminator };
  }
}

/** Builds a document's JSON Schema (draft 2020-12) from its zod model; the only way schema files are made. */
export function buildJsonSchema(name: DocumentName): Record<string, unknown> {
  const generated = z.toJSONSchema(DOCUMENT_SCHEMAS[name], {
    target: 'draft-2020-12',
    override: markDiscriminator,
  });
  const { $schema, ...rest } = generated;
  return { $schema, $id: `${SCHEMA_ID_BASE}${schemaFileName(name)}`, ...rest };
}
