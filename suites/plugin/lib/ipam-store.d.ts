/**
 * host-local's on-disk reservations (notes §4.11): `<dataDir>/<network name>/<ip>` holding
 * "<containerID>\r\n<ifname>". The only IPAM whose state the harness can read without its cooperation, so
 * release and reservation checks (P-DEL-1, P-DEL-4, P-CHK-3, P-GC-2) inspect it and skip for other IPAMs.
 */
import type { JsonObject } from '../../../src/target.ts';
import type { CheckContext } from '../../support/context.ts';
/** One leased address. */
export interface Reservation {
  readonly ip: string;
  readonly containerId: string;
  readonly ifname: string | undefined;
  /** Path inside the sandbox. */
  readonly path: string;
}
/** The lease directory when the config's IPAM is host-local, else undefined. */
export declare function hostLocalLeaseDir(config: JsonObject): string | undefined;
/** The leases under `dir` (empty when the directory does not exist). */
export declare function listReservations(ctx: CheckContext, dir: string): Promise<Reservation[]>;
/** Leases held by one attachment. */
export declare function reservationsOf(
  ctx: CheckContext,
  dir: string,
  containerId: string,
  ifname: string,
): Promise<Reservation[]>;
