/**
 * Validation of plugin and runtime output against the COMMITTED JSON Schemas in schemas/ (ajv, draft
 * 2020-12). Issues carry ajv's JSON-pointer `instancePath` and a reason, ready for reports.
 * The zod parsers in parse.ts accept exactly the same documents (test/spec/agreement.test.ts).
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { ParseIssue } from '../errors.ts';
import { type DocumentName, schemaFileName } from './documents.ts';
import { CIDR_PATTERNS } from './ip.ts';
import { checkResultVersion } from './parse.ts';
import { readSchemaFile } from './schema-files.ts';
import { familyOf, isCniVersion } from './versions.ts';

// ajv-formats is CommonJS; under NodeNext its default export is the module object.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

/** The outcome of a validation: no issues means valid. */
export interface ValidationReport {
  readonly valid: boolean;
  readonly issues: readonly ParseIssue[];
  /** The schema file used, relative to schemas/ ("result.v100.schema.json"). */
  readonly schema: string;
}

let ajvInstance: Ajv2020 | undefined;
const compiled = new Map<DocumentName, ValidateFunction>();

function getAjv(): Ajv2020 {
  if (!ajvInstance) {
    ajvInstance = new Ajv2020({ allErrors: true, discriminator: true, strictTypes: false, verbose: true });
    addFormats(ajvInstance, ['ipv4', 'ipv6']);
  }
  return ajvInstance;
}

function getValidator(name: DocumentName): ValidateFunction {
  let validate = compiled.get(name);
  if (!validate) {
    validate = getAjv().compile(readSchemaFile(name));
    compiled.set(name, validate);
  }
  return validate;
}

const PATTERN_NAMES: Readonly<Record<string, string>> = {
  [CIDR_PATTERNS.v4]: 'must be an IPv4 CIDR (a.b.c.d/n)',
  [CIDR_PATTERNS.v6]: 'must be an IPv6 CIDR (x::y/n)',
};

function reasonOf(error: ErrorObject): string {
  if (error.keyword === 'pattern') {
    const description = (error.parentSchema as { description?: unknown } | undefined)?.description;
    if (typeof description === 'string') return description;
    return PATTERN_NAMES[String(error.params.pattern)] ?? `must match ${String(error.params.pattern)}`;
  }
  if (error.keyword === 'not') return 'must not be present';
  if (error.keyword === 'required') return 'is required';
  if (error.keyword === 'discriminator')
    return `must be one of the allowed values of "${String(error.params.tag)}"`;
  if (error.keyword === 'additionalProperties')
    return `unknown key "${String(error.params.additionalProperty)}"`;
  if (error.keyword === 'enum' || error.keyword === 'const') {
    const allowed = error.params.allowedValues ?? [error.params.allowedValue];
    return `must be one of ${JSON.stringify(allowed)}`;
  }
  return error.message ?? error.keyword;
}

const COMBINATORS = new Set(['anyOf', 'oneOf']);

// ajv reports a missing key or a bad discriminator at the parent object; point at the key itself, as zod does.
function pathOf(error: ErrorObject): string {
  if (error.keyword !== 'required' && error.keyword !== 'discriminator') return error.instancePath;
  const key = error.keyword === 'required' ? error.params.missingProperty : error.params.tag;
  return `${error.instancePath}/${String(key).replaceAll('~', '~0').replaceAll('/', '~1')}`;
}

// anyOf over formats reports "must match format ipv4", "… ipv6", then "must match a schema in anyOf" at
// one path; fold those into one reason per path.
function toIssues(errors: readonly ErrorObject[]): ParseIssue[] {
  const byPath = new Map<string, string[]>();
  for (const error of errors) {
    const path = pathOf(error);
    const reasons = byPath.get(path) ?? [];
    if (!COMBINATORS.has(error.keyword)) reasons.push(reasonOf(error));
    byPath.set(path, reasons);
  }
  return [...byPath].map(([path, reasons]) => ({
    path,
    reason: reasons.length > 0 ? [...new Set(reasons)].join(' or ') : 'matches none of the allowed shapes',
  }));
}

/** Validates a decoded JSON value against one committed schema. */
export function validateDocument(name: DocumentName, json: unknown): ValidationReport {
  const validate = getValidator(name);
  const valid = validate(json);
  return { valid, issues: valid ? [] : toIssues(validate.errors ?? []), schema: schemaFileName(name) };
}

function withVersionCheck(report: ValidationReport, json: unknown, version: string): ValidationReport {
  const actual =
    typeof json === 'object' && json !== null ? (json as { cniVersion?: unknown }).cniVersion : undefined;
  const issues = [...report.issues, ...(report.valid ? checkResultVersion(actual, version) : [])];
  return { ...report, valid: issues.length === 0, issues };
}

function unknownVersion(version: string, schema: string): ValidationReport {
  return {
    valid: false,
    schema,
    issues: [{ path: '', reason: `unknown CNI version ${JSON.stringify(version)}` }],
  };
}

/** An ADD result at the request `version`: the family schema, then `cniVersion` must equal `version`. */
export function validateResult(version: string, json: unknown): ValidationReport {
  if (!isCniVersion(version)) return unknownVersion(version, 'result');
  return withVersionCheck(validateDocument(`result.${familyOf(version)}`, json), json, version);
}

/** An abbreviated IPAM result at the request `version` (P-RES-5). */
export function validateIpamResult(version: string, json: unknown): ValidationReport {
  if (!isCniVersion(version)) return unknownVersion(version, 'ipam-result');
  return withVersionCheck(validateDocument(`ipam-result.${familyOf(version)}`, json), json, version);
}

/** A network configuration list (schema only; parseNetworkConfigList adds R-CFG-4). */
export const validateConflist = (json: unknown): ValidationReport => validateDocument('conflist', json);
/** A request configuration (schema only; parseRequestConfig also checks `prevResult`'s shape). */
export const validateRequestConfig = (json: unknown): ValidationReport =>
  validateDocument('request-config', json);
/** A plugin's error object. */
export const validateWireError = (json: unknown): ValidationReport => validateDocument('error', json);
/** A VERSION result. */
export const validateVersionResult = (json: unknown): ValidationReport =>
  validateDocument('version-result', json);
