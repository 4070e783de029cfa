/** The simulated runtime's public surface (a spec-exact libcni in TypeScript). */
export type { CacheEntry } from './cache.ts';
export {
  attachmentFromCache,
  buildCacheEntry,
  CACHE_KIND,
  cacheFilePath,
  DEFAULT_CACHE_DIR,
  listCacheEntries,
  parseCacheEntry,
  readCacheEntry,
} from './cache.ts';
export type { InvocationEvent } from './context.ts';
export type { Attachment, PluginEnvOptions } from './env.ts';
export { buildPluginEnv, formatCniArgs } from './env.ts';
export type { RuntimeFileSystem } from './file-system.ts';
export { nodeFileSystem } from './file-system.ts';
export type { PluginLookup } from './find-plugin.ts';
export { findPlugin, parseCniPath } from './find-plugin.ts';
export type { Invocation, InvocationKind, InvokeOptions } from './invoke.ts';
export { classifyOutcome, invokePlugin } from './invoke.ts';
export { loadAggregatedPlugins, loadNetworkList, loadNetworkListFile } from './load-config.ts';
export type { JsonObject, NetworkConfigList, NetworkPlugin } from './network-config.ts';
export { buildNetworkList, parseNetworkConfigList, parseNetworkPlugin } from './network-config.ts';
export type {
  ChainError,
  ChainErrorKind,
  ChainInvocation,
  OperationFailed,
  OperationOutcome,
  OperationSucceeded,
  PluginRef,
} from './outcome.ts';
export type { GcAttachment, RequestOptions } from './request.ts';
export {
  buildRequestConfig,
  buildRuntimeConfig,
  LEGACY_ATTACHMENTS_KEY,
  VALID_ATTACHMENTS_KEY,
} from './request.ts';
export type { RuntimeOptions } from './runtime.ts';
export { Runtime, resolveRuntimeOptions } from './runtime.ts';
export { readSupportedVersions } from './version-probe.ts';
