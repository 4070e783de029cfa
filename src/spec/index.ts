/** The CNI vocabulary other modules import: models, parsers, conversion, version logic, validation. */

export type { CapabilityName, RuntimeConfig } from './capabilities.ts';
export {
  BandwidthSchema,
  CAPABILITY_SCHEMAS,
  DnsCapabilitySchema,
  InfinibandGuidSchema,
  IpRangeSchema,
  MacSchema,
  PortMappingSchema,
  RuntimeConfigSchema,
} from './capabilities.ts';
export type { Dns, Route } from './common.ts';
export { DnsSchema, RouteSchema } from './common.ts';
export type { LegacyNetworkConfig, NetworkConfigList, PluginConfig } from './config.ts';
export {
  DisableCheckSchema,
  IpamConfigSchema,
  LegacyNetworkConfigSchema,
  NetworkConfigListSchema,
  NetworkNameSchema,
  normalizeDisableCheck,
  PluginConfigSchema,
  PluginTypeSchema,
} from './config.ts';
export type { ConversionError, ConversionResult } from './convert.ts';
export { CONVERSION_EDGES, convertResult, PIVOT_VERSION } from './convert.ts';
export type { DocumentName } from './documents.ts';
export { buildJsonSchema, DOCUMENT_NAMES, DOCUMENT_SCHEMAS, schemaFileName } from './documents.ts';
export type { ErrorCodeName, WireError } from './error.ts';
export { ERROR_CODE_MEANINGS, ERROR_CODES, isReservedCodeWithoutMeaning, WireErrorSchema } from './error.ts';
export type { IdentifierIssue, IdentifierKind } from './identifiers.ts';
export {
  CONTAINER_ID_PATTERN,
  MAX_INTERFACE_NAME_BYTES,
  NETWORK_NAME_PATTERN,
  validateContainerId,
  validateInterfaceName,
  validateNetworkName,
} from './identifiers.ts';
export type { IpFamily } from './ip.ts';
export {
  Cidr4Schema,
  Cidr6Schema,
  CidrSchema,
  cidrFamilyOf,
  familyOfAddress,
  IpOrCidrSchema,
  IpSchema,
  Ipv4Schema,
  Ipv6Schema,
  ipFamilyOf,
  isIpv4,
  isIpv6,
} from './ip.ts';
export { formatJsonPointer } from './issues.ts';
export {
  checkResultVersion,
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
  parseWith,
} from './parse.ts';
export type { RawVersionKeys } from './pick-version.ts';
export { DEFAULT_CNI_VERSION, pickVersion } from './pick-version.ts';
export type { GcAttachment, RequestConfig } from './request.ts';
export { ArgsSchema, GcAttachmentListSchema, GcAttachmentSchema, RequestConfigSchema } from './request.ts';
export type { CniIpamResult, CniResult } from './result.ts';
export {
  IPAM_RESULT_SCHEMAS,
  ipamResultSchemaFor,
  isV020Result,
  isV040Result,
  isV100Result,
  RESULT_SCHEMAS,
  resultSchemaFor,
} from './result.ts';
export { findSchemasDir, readSchemaFile } from './schema-files.ts';
export type { V020IpConfig, V020Result } from './v020/result.ts';
export { V020_VERSIONS, V020IpamResultSchema, V020ResultSchema } from './v020/result.ts';
export type { V040Interface, V040IpamResult, V040IpConfig, V040Result } from './v040/result.ts';
export { V040_VERSIONS, V040IpamResultSchema, V040ResultSchema } from './v040/result.ts';
export type { V100Interface, V100IpamResult, V100IpConfig, V100Result, V100Route } from './v100/result.ts';
export {
  findVersion11OnlyFields,
  V11_INTERFACE_FIELDS,
  V11_ROUTE_FIELDS,
  V100_VERSIONS,
  V100IpamResultSchema,
  V100ResultSchema,
} from './v100/result.ts';
export type { ValidationReport } from './validate.ts';
export {
  validateConflist,
  validateDocument,
  validateIpamResult,
  validateRequestConfig,
  validateResult,
  validateVersionResult,
  validateWireError,
} from './validate.ts';
export type { VersionResult } from './version-result.ts';
export { supportedVersionsOf, VersionRequestSchema, VersionResultSchema } from './version-result.ts';
export type { CniVersion, SemVer, Verb, VersionFamily } from './versions.ts';
export {
  CNI_VERSIONS,
  compareVersions,
  familyOf,
  isCniVersion,
  parseSemVer,
  SEMVER_PATTERN,
  VERB_MIN_VERSION,
  VERBS,
  verbAllowed,
  versionsAllowing,
} from './versions.ts';
