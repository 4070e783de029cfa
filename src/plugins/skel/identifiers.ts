/**
 * Identifier rules checked plugin-side (notes §2.16): container ID and network name share one charset;
 * interface names follow the kernel's IFNAMSIZ rule as libcni checks it.
 */

const ID_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
const IFNAME_MAX_BYTES = 15;

/** True when `raw` is a valid container ID or network name. */
export function isValidIdentifier(raw: string): boolean {
  return ID_PATTERN.test(raw);
}

/** Why `raw` is not a usable interface name, or undefined when it is fine. */
export function validateInterfaceName(raw: string): string | undefined {
  if (raw === '') return 'interface name is empty';
  if (Buffer.byteLength(raw) > IFNAME_MAX_BYTES) return 'interface name is too long';
  if (raw === '.' || raw === '..') return 'interface name is . or ..';
  if (/[/:\s]/u.test(raw)) return 'interface name contains / or : or whitespace characters';
  return undefined;
}
