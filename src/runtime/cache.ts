/**
 * The result cache, file-compatible with libcni's `cniCacheV1` (R-CACHE-2):
 * `<cacheDir>/results/<network>-<containerID>-<ifname>`, directory 0700, file 0600, fields in libcni's order
 * with its `omitempty` rules, `config` as base64 of the conflist bytes.
 */
import { join } from 'node:path';
import type { ParseResult } from '../errors.ts';
import type { Attachment } from './env.ts';
import { nodeFileSystem, type RuntimeFileSystem } from './file-system.ts';
import { sortKeysDeep, stringifyLikeGo } from './go-json.ts';

/** libcni's default cache directory. */
export const DEFAULT_CACHE_DIR = '/var/lib/cni';
export const CACHE_KIND = 'cniCacheV1';

/** One cache file, as libcni writes it. */
export interface CacheEntry {
  readonly kind: typeof CACHE_KIND;
  readonly containerId: string;
  /** base64 of the configuration bytes the ADD ran with. */
  readonly config: string;
  readonly ifName: string;
  readonly networkName: string;
  readonly netns?: string;
  readonly cniArgs?: readonly (readonly [string, string])[];
  readonly capabilityArgs?: Readonly<Record<string, unknown>>;
  readonly result?: Readonly<Record<string, unknown>>;
}

/** The cache file of one (network, container, ifname). */
export function cacheFilePath(cacheDir: string, network: string, attachment: Attachment): string {
  return join(cacheDir, 'results', `${network}-${attachment.containerId}-${attachment.ifname}`);
}

/**
 * Builds the entry for a finished ADD; empty optional fields are omitted as Go's omitempty does. `netns` came
 * with libcni 1.2 (GC needs it); `withNetns: false` writes libcni 1.1's entry.
 */
export function buildCacheEntry(options: {
  network: string;
  configBytes: string;
  attachment: Attachment;
  result: unknown;
  withNetns?: boolean;
}): CacheEntry {
  const { attachment, result } = options;
  const cniArgs = attachment.cniArgs ?? [];
  const capabilityArgs = attachment.capabilityArgs ?? {};
  return {
    kind: CACHE_KIND,
    containerId: attachment.containerId,
    config: Buffer.from(options.configBytes, 'utf8').toString('base64'),
    ifName: attachment.ifname,
    networkName: options.network,
    ...(attachment.netns === '' || options.withNetns === false ? {} : { netns: attachment.netns }),
    ...(cniArgs.length === 0 ? {} : { cniArgs }),
    ...(Object.keys(capabilityArgs).length === 0 ? {} : { capabilityArgs }),
    ...(isObject(result) && Object.keys(result).length > 0 ? { result } : {}),
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The entry's bytes exactly as libcni's json.Marshal writes them: struct fields in declaration order, the map
 * fields (`capabilityArgs`, `result`) with sorted keys, and Go's HTML-safe escapes.
 */
export function serializeCacheEntry(entry: CacheEntry): string {
  const goOrder = {
    ...entry,
    ...(entry.capabilityArgs ? { capabilityArgs: sortKeysDeep(entry.capabilityArgs) } : {}),
    ...(entry.result ? { result: sortKeysDeep(entry.result) } : {}),
  };
  return stringifyLikeGo(goOrder);
}

/** Writes an entry (directory 0700, file 0600). */
export async function writeCacheEntry(
  cacheDir: string,
  entry: CacheEntry,
  fs: RuntimeFileSystem = nodeFileSystem,
): Promise<string> {
  const attachment = { containerId: entry.containerId, ifname: entry.ifName, netns: '' };
  const file = cacheFilePath(cacheDir, entry.networkName, attachment);
  await fs.makeDirectory(join(cacheDir, 'results'), 0o700);
  await fs.writeFile(file, serializeCacheEntry(entry), 0o600);
  return file;
}

/** Parses a cache file; non-cniCacheV1 content is an issue. */
export function parseCacheEntry(text: string): ParseResult<CacheEntry> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, issues: [{ path: '', reason: `invalid JSON: ${(error as Error).message}` }] };
  }
  if (!isObject(raw) || raw.kind !== CACHE_KIND) {
    return { ok: false, issues: [{ path: '/kind', reason: `not a ${CACHE_KIND} cache file` }] };
  }
  for (const key of ['containerId', 'ifName', 'networkName', 'config'] as const) {
    if (typeof raw[key] !== 'string')
      return { ok: false, issues: [{ path: `/${key}`, reason: 'must be a string' }] };
  }
  return { ok: true, value: raw as unknown as CacheEntry };
}

/** Reads one attachment's entry: undefined when there is no file, an issue list when it is unreadable. */
export async function readCacheEntry(
  cacheDir: string,
  network: string,
  attachment: Attachment,
  fs: RuntimeFileSystem = nodeFileSystem,
): Promise<ParseResult<CacheEntry> | undefined> {
  let text: string;
  try {
    text = await fs.readFile(cacheFilePath(cacheDir, network, attachment));
  } catch {
    return undefined; // libcni ignores read errors: the result may simply not exist
  }
  return parseCacheEntry(text);
}

/**
 * libcni's refusal to name a cache file without network, container ID and ifname (getCacheFilePath): CHECK and
 * DEL of lists >= 0.4.0 fail with it before any plugin runs.
 */
export function cachePathIssue(network: string, attachment: Attachment): string | undefined {
  if (network !== '' && attachment.containerId !== '' && attachment.ifname !== '') return undefined;
  const names = [network, attachment.containerId, attachment.ifname].map((name) => JSON.stringify(name));
  return `cache file path requires network name (${names[0]}), container ID (${names[1]}), and interface name (${names[2]})`;
}

/** Removes one attachment's entry; a missing file is fine. */
export async function deleteCacheEntry(
  cacheDir: string,
  network: string,
  attachment: Attachment,
  fs: RuntimeFileSystem = nodeFileSystem,
): Promise<void> {
  await fs.removeFile(cacheFilePath(cacheDir, network, attachment));
}

/** Every valid cached attachment, files sorted by name (libcni's GetCachedAttachments with no filter). */
export async function listCacheEntries(
  cacheDir: string,
  fs: RuntimeFileSystem = nodeFileSystem,
): Promise<CacheEntry[]> {
  const dir = join(cacheDir, 'results');
  const entries: CacheEntry[] = [];
  for (const name of (await fs.listFiles(dir)) ?? []) {
    const text = await fs.readFile(join(dir, name)).catch(() => undefined);
    const parsed = text === undefined ? undefined : parseCacheEntry(text);
    if (parsed?.ok && parsed.value.ifName !== '' && parsed.value.networkName !== '')
      entries.push(parsed.value);
  }
  return entries;
}

/** The attachment a cache entry describes (for DELs synthesised by GC). */
export function attachmentFromCache(entry: CacheEntry): Attachment {
  return {
    containerId: entry.containerId,
    netns: entry.netns ?? '',
    ifname: entry.ifName,
    ...(entry.cniArgs ? { cniArgs: entry.cniArgs } : {}),
    ...(entry.capabilityArgs ? { capabilityArgs: entry.capabilityArgs } : {}),
  };
}
