/**
 * The fields 1.1.0 added to the 1.x result shapes (zod-free: the converter and the schema layer both read them).
 */

/** Interface keys that only 1.1.0 defines. */
export const V11_INTERFACE_FIELDS = ['mtu', 'socketPath', 'pciID'] as const;
/** Route keys that only 1.1.0 defines. */
export const V11_ROUTE_FIELDS = ['mtu', 'advmss', 'priority', 'table', 'scope'] as const;
