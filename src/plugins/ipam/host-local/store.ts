/**
 * The on-disk store, byte-compatible with upstream host-local (host-local's disk store): one file per leased address
 * named by the address text and holding `<containerID>\r\n<ifname>` (legacy files: the container ID only),
 * `last_reserved_ip.<rangeSetIndex>` with the last leased address, and `lock`. Callers hold the lock.
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Address, formatAddress, parseAddress } from '../../skel/address.ts';

const LINE_BREAK = '\r\n';
const LAST_RESERVED_PREFIX = 'last_reserved_ip.';

/** One lease file. */
export interface Lease {
  readonly file: string;
  readonly address: Address;
  readonly containerId: string;
  /** Undefined for legacy files that hold only the container ID. */
  readonly ifname: string | undefined;
}

/** The lease files of one network directory. */
export class LeaseStore {
  constructor(readonly dir: string) {}

  /** Every lease file (lock and last_reserved_ip files excluded). */
  listLeases(): Lease[] {
    const leases: Lease[] = [];
    for (const file of readdirSync(this.dir)) {
      const address = parseAddress(file);
      if (!address) continue;
      const owner = readOwner(join(this.dir, file));
      if (owner) leases.push({ file, address, ...owner });
    }
    return leases;
  }

  /** Creates the lease file exclusively; false when the address is taken. */
  reserve(address: Address, owner: { containerId: string; ifname: string }, rangeSetIndex: number): boolean {
    const name = formatAddress(address);
    try {
      writeFileSync(join(this.dir, name), `${owner.containerId.trim()}${LINE_BREAK}${owner.ifname}`, {
        flag: 'wx',
        mode: 0o600,
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw error;
    }
    writeFileSync(join(this.dir, `${LAST_RESERVED_PREFIX}${rangeSetIndex}`), name, { mode: 0o600 });
    return true;
  }

  /** The address last leased from range set `rangeSetIndex`. */
  lastReserved(rangeSetIndex: number): Address | undefined {
    try {
      return parseAddress(
        readFileSync(join(this.dir, `${LAST_RESERVED_PREFIX}${rangeSetIndex}`), 'utf8').trim(),
      );
    } catch {
      return undefined;
    }
  }

  /** Removes one lease file. */
  release(lease: Lease): void {
    rmSync(join(this.dir, lease.file), { force: true });
  }

  /** The leases of (containerId, ifname), legacy ID-only files included. */
  leasesOf(containerId: string, ifname: string): Lease[] {
    return this.listLeases().filter((lease) => ownedBy(lease, containerId, ifname));
  }
}

/** True when the lease belongs to the attachment; a legacy file matches on the container ID alone. */
export function ownedBy(lease: Lease, containerId: string, ifname: string): boolean {
  return lease.containerId === containerId.trim() && (lease.ifname === undefined || lease.ifname === ifname);
}

function readOwner(path: string): { containerId: string; ifname: string | undefined } | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8').trim();
  } catch {
    return undefined;
  }
  const breakAt = text.indexOf(LINE_BREAK);
  if (breakAt < 0) return { containerId: text, ifname: undefined };
  return {
    containerId: text.slice(0, breakAt).trim(),
    ifname: text.slice(breakAt + LINE_BREAK.length).trim(),
  };
}
