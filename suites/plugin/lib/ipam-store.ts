/**
 * host-local's on-disk reservations (host-local's disk store): `<dataDir>/<network name>/<ip>` holding
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

const DEFAULT_DATA_DIR = '/var/lib/cni/networks';
const NOT_LEASES = new Set(['lock']);

/** The lease directory when the config's IPAM is host-local, else undefined. */
export function hostLocalLeaseDir(config: JsonObject): string | undefined {
  const ipam = config.ipam as JsonObject | undefined;
  if (typeof ipam !== 'object' || ipam === null || ipam.type !== 'host-local') return undefined;
  const dataDir = typeof ipam.dataDir === 'string' ? ipam.dataDir : DEFAULT_DATA_DIR;
  return `${dataDir}/${String(config.name)}`;
}

/** The leases under `dir` (empty when the directory does not exist). */
export async function listReservations(ctx: CheckContext, dir: string): Promise<Reservation[]> {
  // One command for all files: name, then content with CR/LF made visible.
  const script = `cd ${dir} 2>/dev/null || exit 0; for f in *; do [ -f "$f" ] || continue; printf '%s\\t' "$f"; tr '\\r\\n' '  ' < "$f"; echo; done`;
  const outcome = await ctx.sandbox.command(['sh', '-c', script]);
  if (outcome.exitCode !== 0) throw new Error(`setup: listing ${dir} failed: ${outcome.stderr.trim()}`);
  return outcome.stdout
    .split('\n')
    .filter((line) => line.includes('\t'))
    .map((line) => {
      const [name = '', content = ''] = line.split('\t');
      const [containerId = '', ifname] = content.trim().split(/\s+/);
      return { ip: name, containerId, ifname, path: `${dir}/${name}` };
    })
    .filter((entry) => !NOT_LEASES.has(entry.ip) && !entry.ip.startsWith('last_reserved_ip'));
}

/** Leases held by one attachment. */
export async function reservationsOf(
  ctx: CheckContext,
  dir: string,
  containerId: string,
  ifname: string,
): Promise<Reservation[]> {
  return (await listReservations(ctx, dir)).filter(
    (entry) => entry.containerId === containerId && (entry.ifname === undefined || entry.ifname === ifname),
  );
}
