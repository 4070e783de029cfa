/**
 * Allocating one address from a range set, as upstream's allocator does: a requested address if given,
 * else round-robin from the address after `last_reserved_ip.<N>`, skipping gateways and taken addresses.
 */

import type { V100IpConfig } from '../../../spec/v100/result.ts';
import { type Address, formatAddress, sameAddress } from '../../skel/address.ts';
import { invalidConfig, PLUGIN_ERROR_CODES, PluginError } from '../../skel/errors.ts';
import { formatRangeSet, type Range, type RangeSet, rangeContains, rangeFor } from './range-set.ts';
import type { Lease, LeaseStore } from './store.ts';

/** Who an address is leased to. */
export interface Owner {
  readonly containerId: string;
  readonly ifname: string;
}

/** One allocation request against range set `index`. */
export interface AllocationRequest {
  readonly store: LeaseStore;
  readonly set: RangeSet;
  readonly index: number;
  readonly owner: Owner;
  /** Leases (containerId, ifname) already holds, for the duplicate check. */
  readonly existing: readonly Lease[];
  readonly requested?: Address;
}

/** Every candidate of the set once, starting after `last`, in upstream's RangeIter order. */
function* candidates(
  set: RangeSet,
  last: Address | undefined,
): Generator<{ range: Range; address: Address }> {
  const first = set[0];
  if (!first) return;
  let index = last
    ? Math.max(
        0,
        set.findIndex((range) => rangeContains(range, last)),
      )
    : 0;
  let value = last && rangeContains(set[index] as Range, last) ? last.value : first.start.value - 1n;
  const total = set.reduce((sum, range) => sum + (range.end.value - range.start.value + 1n), 0n);
  for (let step = 0n; step < total; step += 1n) {
    const current = set[index] as Range;
    if (value >= current.end.value) {
      index = (index + 1) % set.length;
      value = (set[index] as Range).start.value;
    } else {
      value += 1n;
    }
    const range = set[index] as Range;
    const address = { v6: first.start.v6, value };
    if (!sameAddress(address, range.gateway)) yield { range, address };
  }
}

function toResultIp(range: Range, address: Address): V100IpConfig {
  const ip: V100IpConfig = { address: `${formatAddress(address)}/${range.prefix}` };
  if (range.gateway) ip.gateway = formatAddress(range.gateway);
  return ip;
}

function allocateRequested(request: AllocationRequest, requested: Address): V100IpConfig {
  const range = rangeFor(request.set, requested);
  const text = formatAddress(requested);
  if (!range)
    throw invalidConfig(`requested IP address ${text} is not in range set ${formatRangeSet(request.set)}`);
  if (sameAddress(requested, range.gateway)) throw invalidConfig(`requested ip ${text} is subnet's gateway`);
  if (!request.store.reserve(requested, request.owner, request.index)) {
    throw new PluginError(
      PLUGIN_ERROR_CODES.INTERNAL,
      `requested IP address ${text} is not available in range set ${formatRangeSet(request.set)}`,
    );
  }
  return toResultIp(range, requested);
}

/** Leases one address for the owner from the set; throws when none is free or the owner has one already. */
export function allocate(request: AllocationRequest): V100IpConfig {
  if (request.requested) return allocateRequested(request, request.requested);
  const duplicate = request.existing.find((lease) => rangeFor(request.set, lease.address));
  if (duplicate) {
    throw new PluginError(
      PLUGIN_ERROR_CODES.INTERNAL,
      `${formatAddress(duplicate.address)} has been allocated to ${request.owner.containerId}, duplicate allocation is not allowed`,
    );
  }
  for (const { range, address } of candidates(request.set, request.store.lastReserved(request.index))) {
    if (request.store.reserve(address, request.owner, request.index)) return toResultIp(range, address);
  }
  throw new PluginError(
    PLUGIN_ERROR_CODES.INTERNAL,
    `no IP addresses available in range set: ${formatRangeSet(request.set)}`,
  );
}
