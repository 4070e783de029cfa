/**
 * Identifier rules (P-ID-*): container ID, network name, interface name. Each validator returns the
 * issue a plugin (skel) or runtime (libcni) would raise, with the CNI error code it maps to. Free of zod: the
 * plugins' skel uses these same rules.
 */
import { ERROR_CODES } from './error-codes.ts';

/** Container IDs and network names: `^[a-zA-Z0-9][a-zA-Z0-9_.\-]*$` (spec §"Parameters", libcni). */
export const CONTAINER_ID_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
/** Network names follow the container-ID charset (R-CFG-6). */
export const NETWORK_NAME_PATTERN = CONTAINER_ID_PATTERN;
/** A plugin `type`: the binary name looked up in CNI_PATH, so no path separators (P-ID-*). */
export const PLUGIN_TYPE_PATTERN = /^[^/\\]+$/;
/** Linux IFNAMSIZ is 16 including the terminating NUL. */
export const MAX_INTERFACE_NAME_BYTES = 15;

/** Which identifier an issue is about. */
export type IdentifierKind = 'containerID' | 'networkName' | 'ifname';

/** A violated identifier rule, with the wire error code libcni/skel use for it. */
export interface IdentifierIssue {
  readonly kind: IdentifierKind;
  /** Stable rule name, e.g. "too-long". */
  readonly rule: 'empty' | 'invalid-characters' | 'too-long' | 'dot-name' | 'forbidden-character';
  /** The message Go uses, so reports read like upstream errors. */
  readonly reason: string;
  /** The CNI error code (P-ERR-* table). */
  readonly code: number;
  readonly value: string;
}

/**
 * Container ID: non-empty and in the charset. Empty maps to code 3 (libcni's runtime-side validator; skel
 * reports an empty ID as a missing env var, code 4); bad characters map to code 4.
 */
export function validateContainerId(value: string): IdentifierIssue | undefined {
  if (value === '') {
    return {
      kind: 'containerID',
      rule: 'empty',
      reason: 'missing containerID',
      code: ERROR_CODES.UNKNOWN_CONTAINER,
      value,
    };
  }
  if (CONTAINER_ID_PATTERN.test(value)) return undefined;
  return {
    kind: 'containerID',
    rule: 'invalid-characters',
    reason: 'invalid characters in containerID',
    code: ERROR_CODES.INVALID_ENVIRONMENT,
    value,
  };
}

/** Network name: non-empty and in the charset; both failures map to code 7 (P-CONF-2). */
export function validateNetworkName(value: string): IdentifierIssue | undefined {
  const code = ERROR_CODES.INVALID_NETWORK_CONFIG;
  if (value === '')
    return { kind: 'networkName', rule: 'empty', reason: 'missing network name', code, value };
  if (NETWORK_NAME_PATTERN.test(value)) return undefined;
  return {
    kind: 'networkName',
    rule: 'invalid-characters',
    reason: 'invalid characters found in network name',
    code,
    value,
  };
}

// Go's unicode.IsSpace is the Unicode White_Space property (plus Latin-1 spaces, which it contains).
const FORBIDDEN_IN_IFNAME = /[/:\p{White_Space}]/u;

/**
 * Interface name (libcni ValidateInterfaceName, mirroring Linux): non-empty, at most 15 bytes of UTF-8,
 * not "." or "..", no "/", ":" or Unicode whitespace. Every failure maps to code 4.
 */
export function validateInterfaceName(value: string): IdentifierIssue | undefined {
  const issue = (rule: IdentifierIssue['rule'], reason: string): IdentifierIssue => ({
    kind: 'ifname',
    rule,
    reason,
    code: ERROR_CODES.INVALID_ENVIRONMENT,
    value,
  });
  if (value === '') return issue('empty', 'interface name is empty');
  if (Buffer.byteLength(value, 'utf8') > MAX_INTERFACE_NAME_BYTES) {
    return issue('too-long', `interface name is too long (max ${MAX_INTERFACE_NAME_BYTES} bytes)`);
  }
  if (value === '.' || value === '..') return issue('dot-name', 'interface name is . or ..');
  if (FORBIDDEN_IN_IFNAME.test(value)) {
    return issue('forbidden-character', 'interface name contains / or : or whitespace characters');
  }
  return undefined;
}
