/**
 * Runtime-side identifier validation, done before any plugin runs (notes §2.16, R-ADD-5). The codes and
 * messages mirror libcni's validators (pkg/utils): the offending value goes into `details`, `msg` stays stable.
 */
import type { WireError } from '../spec/error.ts';

/** Container IDs and network names: an alphanumeric first character, then alphanumerics and `_.-`. */
const IDENTIFIER = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

/** Linux IFNAMSIZ (16) minus the terminating NUL, counted in bytes. */
const MAX_IFNAME_BYTES = 15;

/** Returns the wire error libcni would raise for this container ID, or undefined when it is valid. */
export function validateContainerId(containerId: string): WireError | undefined {
  if (containerId === '') return { code: 3, msg: 'missing containerID' };
  if (!IDENTIFIER.test(containerId)) {
    return { code: 4, msg: 'invalid characters in containerID', details: containerId };
  }
  return undefined;
}

/** Returns the wire error for an invalid network name (code 7), or undefined. */
export function validateNetworkName(name: string): WireError | undefined {
  if (name === '') return { code: 7, msg: 'missing network name' };
  if (!IDENTIFIER.test(name)) {
    return { code: 7, msg: 'invalid characters found in network name', details: name };
  }
  return undefined;
}

/** Returns the wire error for an unusable interface name (code 4), or undefined. */
export function validateInterfaceName(ifname: string): WireError | undefined {
  if (ifname === '') return { code: 4, msg: 'interface name is empty' };
  if (Buffer.byteLength(ifname, 'utf8') > MAX_IFNAME_BYTES) {
    return {
      code: 4,
      msg: 'interface name is too long',
      details: `interface name should be less than ${MAX_IFNAME_BYTES + 1} characters`,
    };
  }
  if (ifname === '.' || ifname === '..') {
    return { code: 4, msg: 'interface name is . or ..', details: ifname };
  }
  if (/[/:\s]/u.test(ifname)) {
    return { code: 4, msg: 'interface name contains / or : or whitespace characters', details: ifname };
  }
  return undefined;
}
