/**
 * host-local IPAM: leases addresses from range sets in a per-network directory shared with upstream
 * host-local (same layout, same flock), and implements all of spec 1.1: CHECK verifies the leases, GC
 * releases every lease not in `cni.dev/valid-attachments`, STATUS fails with code 50 on an exhausted set.
 */
import { existsSync } from 'node:fs';
import type { V100IpConfig } from '../../../spec/v100/result.ts';
import { type Address, formatAddress, parseRequestedAddress, sameAddress } from '../../skel/address.ts';
import { parseValidAttachments } from '../../skel/attachments.ts';
import { invalidConfig, PLUGIN_ERROR_CODES, PluginError } from '../../skel/errors.ts';
import type { PluginRequest } from '../../skel/request.ts';
import { type PluginResult, parsePrevResult } from '../../skel/result.ts';
import type { AddOutput, PluginDefinition } from '../../skel/run.ts';
import { allocate, type Owner } from './allocator.ts';
import {
  type IpamConfig,
  networkDir,
  parseIpamConfig,
  readResolvConf,
  requestedAddresses,
} from './config.ts';
import { withLock } from './lock.ts';
import { capacityOf, formatRangeSet, rangeFor } from './range-set.ts';
import { type Lease, LeaseStore, ownedBy } from './store.ts';

function ownerOf(request: PluginRequest): Owner {
  return { containerId: request.env.containerId, ifname: request.env.ifname };
}

function takeRequested(remaining: Address[], matches: (address: Address) => boolean): Address | undefined {
  const index = remaining.findIndex(matches);
  return index < 0 ? undefined : remaining.splice(index, 1)[0];
}

function withRangeContext(index: number, error: unknown): unknown {
  if (!(error instanceof PluginError)) return error;
  return new PluginError(
    error.code,
    `failed to allocate for range ${index}: ${error.message}`,
    error.details,
  );
}

/** One lease per range set, requested addresses first; all-or-nothing. Runs under the lock. */
function allocateAll(config: IpamConfig, owner: Owner, requested: readonly Address[]): V100IpConfig[] {
  const store = new LeaseStore(config.dir);
  const existing = store.leasesOf(owner.containerId, owner.ifname);
  const remaining = [...requested];
  const leased: V100IpConfig[] = [];
  try {
    config.rangeSets.forEach((set, index) => {
      const wanted = takeRequested(remaining, (address) => rangeFor(set, address) !== undefined);
      try {
        leased.push(allocate({ store, set, index, owner, existing, requested: wanted }));
      } catch (error) {
        throw withRangeContext(index, error);
      }
    });
    if (remaining.length > 0) {
      throw invalidConfig(`failed to allocate all requested IPs: ${remaining.map(formatAddress).join(' ')}`);
    }
    return leased;
  } catch (error) {
    releaseAddresses(store, leased);
    throw error;
  }
}

async function add(request: PluginRequest): Promise<AddOutput> {
  const config = parseIpamConfig(request);
  const requested = requestedAddresses(request);
  // Read before leasing, so a bad resolvConf cannot leave a lease behind.
  const dns = config.resolvConf ? readResolvConf(config.resolvConf) : undefined;
  const ips = await withLock(config.dir, () => allocateAll(config, ownerOf(request), requested));
  const result: PluginResult = { ips, routes: config.routes };
  if (dns) result.dns = dns;
  return { result };
}

/** Rolls back the leases this call made (never another call's). */
function releaseAddresses(store: LeaseStore, ips: readonly V100IpConfig[]): void {
  const addresses = ips.map((ip) => parseRequestedAddress(ip.address));
  for (const lease of store.listLeases()) {
    if (addresses.some((address) => sameAddress(address, lease.address))) store.release(lease);
  }
}

/** DEL needs only the network directory: a config error must not block releasing (P-DEL-*). */
async function del(request: PluginRequest): Promise<void> {
  const dir = networkDir(request);
  if (!existsSync(dir)) return;
  const owner = ownerOf(request);
  await withLock(dir, () => {
    const store = new LeaseStore(dir);
    for (const lease of store.leasesOf(owner.containerId, owner.ifname)) store.release(lease);
  });
}

function prevResultAddresses(request: PluginRequest): Address[] {
  const prev = parsePrevResult(request.config.prevResult);
  return (prev?.ips ?? [])
    .map((ip) => parseRequestedAddress(ip.address))
    .filter((address): address is Address => address !== undefined);
}

/** CHECK: the attachment holds a lease, and every prevResult address in our ranges is leased to it. */
async function check(request: PluginRequest): Promise<void> {
  const config = parseIpamConfig(request);
  const owner = ownerOf(request);
  const leases = existsSync(config.dir)
    ? await withLock(config.dir, () => new LeaseStore(config.dir).leasesOf(owner.containerId, owner.ifname))
    : [];
  if (leases.length === 0) {
    throw new PluginError(
      PLUGIN_ERROR_CODES.INTERNAL,
      `host-local: Failed to find address added by container ${owner.containerId}`,
    );
  }
  for (const address of prevResultAddresses(request)) {
    if (!config.rangeSets.some((set) => rangeFor(set, address))) continue;
    if (!leases.some((lease) => sameAddress(lease.address, address))) {
      throw new PluginError(
        PLUGIN_ERROR_CODES.INTERNAL,
        `host-local: address ${formatAddress(address)} in prevResult is not leased to container ${owner.containerId}`,
      );
    }
  }
}

async function gc(request: PluginRequest): Promise<void> {
  const dir = networkDir(request);
  const valid = parseValidAttachments(request.config);
  if (!existsSync(dir)) return;
  await withLock(dir, () => {
    const store = new LeaseStore(dir);
    const stale = (lease: Lease) => !valid.some((item) => ownedBy(lease, item.containerId, item.ifname));
    for (const lease of store.listLeases().filter(stale)) store.release(lease);
  });
}

/** STATUS: code 50 when any range set has no free address left (P-STAT-2). */
async function status(request: PluginRequest): Promise<void> {
  // Ranges may come only from runtimeConfig.ipRanges, which STATUS never gets: then nothing is exhausted.
  const config = parseIpamConfig(request, { requireRanges: false });
  const leases = existsSync(config.dir) ? new LeaseStore(config.dir).listLeases() : [];
  for (const set of config.rangeSets) {
    const used = leases.filter((lease) => {
      const range = rangeFor(set, lease.address);
      return range !== undefined && !sameAddress(range.gateway, lease.address);
    }).length;
    if (BigInt(used) >= capacityOf(set)) {
      throw new PluginError(
        PLUGIN_ERROR_CODES.PLUGIN_NOT_AVAILABLE,
        `no IP addresses available in range set: ${formatRangeSet(set)}`,
      );
    }
  }
}

/** The host-local IPAM plugin. */
export const hostLocalPlugin: PluginDefinition = {
  name: 'host-local',
  handlers: { ADD: add, DEL: del, CHECK: check, GC: gc, STATUS: status },
};
